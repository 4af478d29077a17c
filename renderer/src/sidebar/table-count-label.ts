import { formatCount } from '../ui/format.js';

/**
 * A table's count as the sidebar shows it: "~N" where the figure is an estimate (a SQL server's catalog, a
 * NATS bucket whose keys are still being listed) or where this store's counts are not kept live.
 */
export function tableCountLabel(
  count: number,
  estimated: boolean | undefined,
  approximateCounts: boolean,
): { text: string; title: string | undefined } {
  const text = estimated || approximateCounts ? `~${formatCount(count)}` : formatCount(count);
  if (estimated) {
    return {
      text,
      title:
        `about ${formatCount(count)}: the server's estimate, not a count (a SQL catalog's, expired included: ` +
        'Count exactly in the status bar; a NATS bucket still being listed: from the keys listed so far)',
    };
  }
  return { text, title: approximateCounts ? 'counted when listed; not kept live on this store' : undefined };
}
