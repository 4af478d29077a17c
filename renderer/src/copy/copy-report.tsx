import { formatCount, formatElapsed, plural } from '../ui/format.js';
import { type CopyReport, keptNotLines } from './copy-plan.js';

/** What the copy did: copied, skipped and why, what the target could not keep, and whether it was atomic. */
export function CopyReportView({ report }: { report: CopyReport }) {
  const stored = report.written + report.overwritten;
  const keptNot = keptNotLines(report);
  return (
    <section className="transfer-report" aria-label="Copy report">
      <h3>
        Copied {plural(stored, 'record')} into {report.target} in {formatElapsed(report.ms)}
      </h3>
      <dl className="figures">
        <dt>Read from the source</dt>
        <dd>{formatCount(report.records)}</dd>
        <dt>Written (new keys)</dt>
        <dd>{formatCount(report.written)}</dd>
        <dt>Overwritten</dt>
        <dd>{formatCount(report.overwritten)}</dd>
        <dt>Skipped: the key existed</dt>
        <dd>{formatCount(report.skippedExisting)}</dd>
        <dt>Skipped: already expired</dt>
        <dd>{formatCount(report.skippedExpired)}</dd>
        <dt>Tables</dt>
        <dd>{formatCount(report.tables)}</dd>
      </dl>
      <p>
        {report.atomic
          ? 'The copy was one transaction: all of it committed together.'
          : `Written batch by batch (${formatCount(report.batches)} batch${report.batches === 1 ? '' : 'es'}): this store has no transaction.`}
      </p>
      <h4>What the target could not keep</h4>
      {keptNot.length === 0 ? (
        <p>Nothing: every record was copied whole.</p>
      ) : (
        <ul aria-label="What the target could not keep">
          {keptNot.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
