import { formatAge, formatCountdown } from './duration.js';
import { formatAbsoluteTime } from './format.js';
import { useNow } from './use-now.js';
import './expiry-countdown.css';

const SOON_MS = 60_000;

/** Time left until a record expires, ticking each second; marked in its last minute. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: number | null }) {
  if (expiresAt === null) return <span className="countdown countdown-never">never</span>;
  return <LiveCountdown expiresAt={expiresAt} />;
}

function LiveCountdown({ expiresAt }: { expiresAt: number }) {
  const left = expiresAt - useNow();
  const title = `Expires ${formatAbsoluteTime(expiresAt)}`;
  if (left < 0)
    return (
      <span className="countdown countdown-expired" title={`Expired ${formatAbsoluteTime(expiresAt)}`}>
        <span className="visually-hidden">expired </span>
        {formatAge(-left)} ago
      </span>
    );
  const soon = left < SOON_MS;
  return (
    <span className={soon ? 'countdown countdown-soon' : 'countdown'} title={title}>
      {formatCountdown(left)}
      {soon && <span className="visually-hidden"> (under a minute)</span>}
    </span>
  );
}
