import type { ExpirySpec } from '../../../electron/api/contract/schemas.js';
import { formatGoDuration, parseTtl } from '../ui/duration.js';

/** How the editor will set the expiry: as the record has it, never, after a duration, or at an instant. */
export type ExpiryDraft =
  | { kind: 'keep' }
  | { kind: 'none' }
  | { kind: 'ttl'; text: string }
  | { kind: 'at'; local: string };

export const EXPIRY_PRESETS: { label: string; ms: number }[] = [
  { label: '30 s', ms: 30_000 },
  { label: '5 min', ms: 300_000 },
  { label: '1 h', ms: 3_600_000 },
  { label: '1 day', ms: 86_400_000 },
];

export function presetDraft(ms: number): ExpiryDraft {
  return { kind: 'ttl', text: formatGoDuration(ms) };
}

type SpecResult = { ok: true; spec: ExpirySpec } | { ok: false; message: string };

/** What to send with the write; `current` is the record's own expiry, kept by `keep`. */
export function expirySpecOf(draft: ExpiryDraft, current: number | null): SpecResult {
  switch (draft.kind) {
    case 'keep':
      return { ok: true, spec: current === null ? { kind: 'none' } : { kind: 'at', at: current } };
    case 'none':
      return { ok: true, spec: { kind: 'none' } };
    case 'ttl': {
      const ttl = parseTtl(draft.text);
      return ttl.ok ? { ok: true, spec: { kind: 'ttl', ms: ttl.ms } } : ttl;
    }
    case 'at': {
      const at = new Date(draft.local).getTime();
      if (Number.isNaN(at)) return { ok: false, message: 'Choose a date and time' };
      return { ok: true, spec: { kind: 'at', at } };
    }
  }
}
