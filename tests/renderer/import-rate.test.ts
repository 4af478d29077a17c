import { describe, expect, it } from 'vitest';
import { importProgressText } from '../../renderer/src/transfer/import-phase.js';
import { addProgress, recordsPerSecond, startProgress } from '../../renderer/src/transfer/task-progress.js';

describe('import preview rate (issue 11, item 11)', () => {
  // The preview reads a file whose record count it does not know yet: its progress counts bytes.
  const reading = addProgress(startProgress(0), 40_000_000, 100_000_000, 1_000);

  it('shows bytes per second, not records, while the records are not counted', () => {
    const text = importProgressText(reading, undefined);
    expect(text).not.toMatch(/records\/s/);
    expect(text).toBe('40% · 38 MB/s');
  });

  it('never calls a byte rate a record rate', () => {
    expect(recordsPerSecond(reading)).toBeUndefined();
    expect(recordsPerSecond(reading, 300_000)).toBe(120_000);
  });
});
