import { describe, expect, it } from 'vitest';
import { summaryText } from '../../renderer/src/analysis/analysis-labels.js';

describe('the analysis summary line', () => {
  it('says when the figures come from a sample, and of about how many records', () => {
    const sampled = summaryText({ records: 100_000, bytes: 2048, sample: { records: 100_000, of: 1_000_000 } });
    expect(sampled).toMatch(/^Sample of 100,000 records \(of about 1,000,000\)/);
    expect(sampled).toMatch(/in the sample$/);
  });

  it('gives the exact figures plainly', () => {
    expect(summaryText({ records: 3, bytes: 9, sample: null })).toBe('3 records, 9 B of values');
  });
});
