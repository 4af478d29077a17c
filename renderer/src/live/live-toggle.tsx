import { formatCount, plural } from '../shared/format.js';
import { useLive, useLiveFeed } from './live-provider.js';

/** Pauses the live view (nothing on screen moves while one reads); the button says how many changes wait. */
export function LiveToggle() {
  const feed = useLiveFeed();
  const paused = useLive('paused');
  const waiting = useLive('waiting');
  return (
    <span className="live-toggle">
      <button type="button" aria-pressed={paused} onClick={paused ? feed.resume : feed.pause}>
        {paused ? `Resume (${formatCount(waiting)} waiting)` : 'Pause live updates'}
      </button>
      <span className={paused ? 'live-state is-paused' : 'live-state'} aria-live="polite">
        {paused ? `Paused: ${plural(waiting, 'change')} waiting` : 'Live'}
      </span>
    </span>
  );
}
