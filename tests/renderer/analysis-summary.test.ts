import { describe, expect, it } from 'vitest';
import { sizeRangeLabel, summaryText } from '../../renderer/src/analysis/analysis-labels.js';

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

describe('the value-size buckets', () => {
  it('are labelled as half-open ranges, so neighbours never share a bound', () => {
    expect(sizeRangeLabel(1, 16)).toBe('1 B – 15 B');
    expect(sizeRangeLabel(16, 64)).toBe('16 B – 63 B');
    expect(sizeRangeLabel(256, 1024)).toBe('256 B – 1023 B');
    expect(sizeRangeLabel(4096, 16_384)).toBe('4.0 KB – under 16 KB');
    expect(sizeRangeLabel(0, 1)).toBe('0 B');
    expect(sizeRangeLabel(4_194_304, null)).toBe('4.0 MB and more');
  });
});
