import type { ReactNode } from 'react';
import type { FileTaskPhase } from './file-task-phase.js';
import { ProgressBar } from './progress-bar.js';
import { percentDone, recordsProgressText, type TaskProgress } from './task-progress.js';

interface FileTaskStatusProps<R> {
  phase: FileTaskPhase<R>;
  progress: TaskProgress | undefined;
  /** The records expected, when the task cannot tell its own total. */
  expected?: number | undefined;
  /** "Exporting", "Copying". */
  runningLabel: string;
  /** "export", "copy". */
  noun: string;
  /** The report once the file is written. */
  report: (result: R) => ReactNode;
}

/** How a file task is going: its progress, its report, its problem, or that it was cancelled. */
export function FileTaskStatus<R>({ phase, progress, expected, runningLabel, noun, report }: FileTaskStatusProps<R>) {
  const cancelled = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} cancelled: no file was written.`;
  switch (phase.step) {
    case 'choose':
      return null;
    case 'running':
      return (
        <ProgressBar
          label={runningLabel}
          percent={percentDone(progress, expected)}
          text={recordsProgressText(progress, expected)}
        />
      );
    case 'done':
      return report(phase.result);
    case 'problem':
      return (
        <div className="problem" role="alert">
          <h3>The {noun} failed</h3>
          <p>{phase.message}</p>
        </div>
      );
    case 'cancelled':
      return <p className="notice">{cancelled}</p>;
  }
}
