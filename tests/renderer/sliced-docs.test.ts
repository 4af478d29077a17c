import { describe, expect, it } from 'vitest';
import { loadedValueDraft } from '../../renderer/src/editor/value-draft.js';
import { base64Lines } from '../../renderer/src/editor/value-modes.js';
import { docOf, docString } from '../../renderer/src/editor/value-views/doc-text.js';
import { PIECE_CHARS, piecesOf } from '../../renderer/src/editor/value-views/line-pieces.js';
import {
  base64DocInSlices,
  SLICED_TEXT_BYTES,
  textDocInSlices,
} from '../../renderer/src/editor/value-views/sliced-docs.js';

const encoder = new TextEncoder();
let pauses = 0;
const pause = async () => {
  pauses++;
};

/** Long lines and short ones, multi-byte characters and surrogate pairs around the piece and slice edges. */
function mixedText(): string {
  const parts = [
    `${'a'.repeat(PIECE_CHARS - 1)}😀${'b'.repeat(PIECE_CHARS * 3)}`,
    '',
    'short\r',
    `${'é'.repeat(PIECE_CHARS + 7)}€${'😀'.repeat(PIECE_CHARS)}`,
    'x'.repeat(PIECE_CHARS),
    'y'.repeat(PIECE_CHARS + 1),
    `${'z'.repeat(1_100_000)}`,
    '',
  ];
  return parts.join('\n');
}

describe('a large text value decoded a slice per task', () => {
  it('builds the same document as docOf, pieces and all, whatever the slice size', async () => {
    const text = mixedText();
    const bytes = encoder.encode(text);
    const whole = docOf(text);
    // Odd sizes cut characters of two, three and four bytes between slices.
    for (const sliceBytes of [7_001, 65_537, 1_000_003, bytes.length]) {
      pauses = 0;
      const doc = await textDocInSlices(bytes, pause, sliceBytes);
      expect(doc?.toJSON(), `slices of ${sliceBytes}`).toEqual(whole.toJSON());
      expect(doc && piecesOf(doc)).toEqual(piecesOf(whole));
      expect(doc && docString(doc) === text).toBe(true);
      expect(pauses).toBe(Math.ceil(bytes.length / sliceBytes));
    }
  });

  it('is undefined for bytes that are not UTF-8, however far in, or cut inside a character', async () => {
    const bytes = encoder.encode(mixedText());
    const bad = bytes.slice();
    bad[bad.length - 10] = 0xff;
    expect(await textDocInSlices(bad, pause, 65_536)).toBeUndefined();
    expect(await textDocInSlices(encoder.encode('ab😀').subarray(0, 4), pause, 2)).toBeUndefined();
  });

  it('a loaded value whose head is text but whose later bytes are not is shown as hex, not as empty text', async () => {
    const bytes = new Uint8Array(SLICED_TEXT_BYTES + 10).fill(0x61);
    bytes[bytes.length - 3] = 0xc3;
    const draft = await loadedValueDraft(bytes, pause);
    expect(draft.mode).toBe('hex');
    expect(draft.bytes).toBe(bytes);
    const text = await loadedValueDraft(bytes.subarray(0, bytes.length - 3), pause);
    expect(text.mode).toBe('text');
    expect(docString(text.text).length).toBe(bytes.length - 3);
  });
});

describe('Base64 of a large value built a slice per task', () => {
  it('is the same 76-character lines as the value encoded at once', async () => {
    const bytes = new Uint8Array(2 * 1024 * 1024 + 17);
    for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7919) & 0xff;
    const doc = await base64DocInSlices(bytes, pause);
    expect(doc.toJSON()).toEqual(base64Lines(bytes));
  });
});
