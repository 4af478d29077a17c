import { useState } from 'react';
import type { ExpiryBucketName } from '../../../electron/api/contract/analysis-schemas.js';
import type { Filter } from '../../../electron/api/contract/schemas.js';
import { failureNotice } from '../ui/api-error.js';
import type { Namespace } from '../ui/namespace.js';
import { summaryText } from './analysis-labels.js';
import { BiggestRecords } from './biggest-records.js';
import { ExpiryTimeline } from './expiry-timeline.js';
import { KeySpaceMap, type SizeBy } from './key-space-map.js';
import { SizeHistogram } from './size-histogram.js';
import { useAnalysis } from './use-analysis.js';
import './analysis.css';

export interface AnalysisViewProps {
  namespace: Namespace;
  /** The grid's filter: the picture counts what the grid would show. */
  filter: Filter;
  /** Each of these sets the grid's filter (or opens the record) and goes back to the grid. */
  onShowPrefix: (prefix: string) => void;
  onShowExpiry: (bucket: ExpiryBucketName) => void;
  onOpenKey: (key: string) => void;
  onClose: () => void;
}

/** In the grid's place: a picture of the table's records (docs/analysis.md). */
export function AnalysisView(props: AnalysisViewProps) {
  const { namespace, filter } = props;
  const analysis = useAnalysis(namespace, filter);
  const [sizeBy, setSizeBy] = useState<SizeBy>('records');
  const failed = analysis.error === undefined ? undefined : failureNotice(analysis.error);
  // A refused question leaves no picture: the last one answered another question (another store, even).
  const value = analysis.error === undefined ? analysis.value : undefined;
  return (
    <main className="analysis-view" aria-label={`Analysis of ${namespace.database} / ${namespace.table}`}>
      <header className="records-header">
        <h1>
          Analysis: {namespace.database} <span className="muted">/</span> {namespace.table}
        </h1>
        <button type="button" onClick={props.onClose}>
          Back to records
        </button>
      </header>
      <div className="analysis-summary">
        <p role="status">
          {analysis.loading ? progressText(analysis.progress) : value === undefined ? '' : summaryText(value)}
        </p>
        <fieldset className="analysis-size-by">
          <legend className="visually-hidden">Size the key space by</legend>
          {(['records', 'bytes'] as const).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="analysis-size-by"
                checked={sizeBy === choice}
                onChange={() => setSizeBy(choice)}
              />
              {choice === 'records' ? 'By records' : 'By bytes'}
            </label>
          ))}
        </fieldset>
      </div>
      {failed !== undefined && (
        <p role="alert" className="analysis-error">
          {failed}
        </p>
      )}
      {value !== undefined && (
        <div className="analysis-figures">
          <KeySpaceMap
            keySpace={value.keySpace}
            sizeBy={sizeBy}
            onShow={props.onShowPrefix}
            onDrill={analysis.drillTo}
          />
          <SizeHistogram sizes={value.sizes} />
          <ExpiryTimeline expiry={value.expiry} onShow={props.onShowExpiry} />
          <BiggestRecords biggest={value.biggest} sampled={value.sample !== null} onOpen={props.onOpenKey} />
        </div>
      )}
    </main>
  );
}

function progressText(progress: { done: number; total: number } | undefined): string {
  return progress === undefined || progress.total === 0
    ? 'Analysing…'
    : `Analysing… ${Math.min(100, Math.floor((progress.done / progress.total) * 100))}%`;
}
