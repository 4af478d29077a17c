import { type Info, kindName, liveText } from '../connect/store-capabilities.js';

/**
 * Why the Changes panel lists nothing one by one for this store, or undefined where it lists each change: a
 * Store Inspector store keeps its own change log and a server that pushes changes (NATS, Redis with keyspace
 * notifications) tells each one; everywhere else the views update without a list (capabilities.liveChanges).
 */
export function changeListGap(info: Info): string | undefined {
  if (info == null || info.kind === 'sqlite' || info.capabilities.liveChanges === 'events') return undefined;
  // The status bar's own sentence for such a store, so the two never drift apart.
  if (info.capabilities.liveChanges === 'none') return `${liveText(info).description}, nothing is listed.`;
  if (info.kind === 'gomicro') return 'A go-micro file store keeps no change log: the views update, nothing is listed.';
  return `${kindName(info.kind)} is watched by polling what is on screen and the counts: the views update, changes are not listed one by one.`;
}
