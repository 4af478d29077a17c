import { base64ToBytes } from '../ui/base64.js';
import { formatBytes, formatCount, plural } from '../ui/format.js';
import { previewValue } from '../ui/value-format.js';
import { FORMAT_NAMES, type ImportReport, isDump, unkeptOf } from './import-phase.js';

interface ImportPreviewProps {
  preview: ImportReport;
  target: string;
  /** The user chose to import a record the target cannot keep whole without that part. */
  dropUnkept: boolean;
}

/**
 * What the dry run found: the format, how many records, how many keys exist already, what the target cannot
 * keep of them, the first records.
 */
export function ImportPreview({ preview, target, dropUnkept }: ImportPreviewProps) {
  const unkept = unkeptOf(preview);
  return (
    <section className="import-preview" aria-label="Preview">
      <dl className="figures">
        <dt>Format</dt>
        <dd>{FORMAT_NAMES[preview.format] ?? preview.format}</dd>
        <dt>Records</dt>
        <dd>{formatCount(preview.records)}</dd>
        <dt>Already in the store</dt>
        <dd>
          {formatCount(preview.existing)} {preview.existing === 1 ? 'key exists' : 'keys exist'}
          {isDump(preview) ? '' : ` in ${target}`}
        </dd>
        <dt>Already expired</dt>
        <dd>{formatCount(preview.skippedExpired)} (will be skipped)</dd>
        {unkept.length > 0 && (
          <>
            <dt>Cannot keep</dt>
            <dd className="cannot-keep">
              {unkept.join('; ')}:{' '}
              {dropUnkept
                ? 'such records are imported without it.'
                : 'a record carrying it stops the import before anything is written.'}
            </dd>
          </>
        )}
        {isDump(preview) && (
          <>
            <dt>Tables</dt>
            <dd>{formatCount(preview.tables)}</dd>
          </>
        )}
      </dl>
      <table className="sample-table">
        <caption>The first {plural(preview.sample.length, 'record')}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Size</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((record, index) => (
            // A file may repeat a key: the position tells the rows apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: the sample is fixed once shown.
            <tr key={index}>
              <td className="sample-key">{record.key}</td>
              <td className="sample-size">{formatBytes(record.size)}</td>
              <td className="sample-value">{previewValue(base64ToBytes(record.preview), record.size).text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
