import { formatCount, formatElapsed, plural } from '../ui/format.js';
import type { ImportReport as Report } from './import-phase.js';

/** What the import did: written, overwritten, skipped and why, and how long it took. */
export function ImportReport({ report }: { report: Report }) {
  const stored = report.written + report.overwritten;
  return (
    <section className="transfer-report" aria-label="Import report">
      <h3>
        Imported {plural(stored, 'record')} in {formatElapsed(report.ms)}
      </h3>
      <dl className="figures">
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
    </section>
  );
}
