import './transfer.css';

interface ProgressBarProps {
  label: string;
  /** 0 to 100; undefined while the total is unknown. */
  percent: number | undefined;
  /** What a screen reader says and the bar shows beside it: how far, how fast. */
  text: string;
}

/** A determinate progress bar when the total is known, an indeterminate one until then. */
export function ProgressBar({ label, percent, text }: ProgressBarProps) {
  return (
    <div className="progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className={percent === undefined ? 'progress-track is-indeterminate' : 'progress-track'}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <span className="progress-text">{text}</span>
    </div>
  );
}
