import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import { liveText } from '../connect/store-capabilities.js';
import { formatCount, plural } from '../ui/format.js';
import { useLive, useLiveFeed } from './live-provider.js';

/**
 * Pauses the live view (nothing on screen moves while one reads); the button says how many changes wait, the
 * state how changes arrive (events, polling) or that this store tells of none.
 */
export function LiveToggle({ info }: { info?: OpenedStoreInfoDto | null | undefined }) {
  const live = liveText(info);
  const feed = useLiveFeed();
  const paused = useLive('paused');
  const waiting = useLive('waiting');
  return (
    <span className="live-toggle">
      <button type="button" aria-pressed={paused} onClick={paused ? feed.resume : feed.pause}>
        {paused ? `Resume (${formatCount(waiting)} waiting)` : 'Pause live updates'}
      </button>
      <span
        className={paused ? 'live-state is-paused' : 'live-state'}
        aria-live="polite"
        title={live.description === '' ? undefined : live.description}
      >
        {paused ? `Paused: ${plural(waiting, 'change')} waiting` : live.label}
      </span>
    </span>
  );
}
