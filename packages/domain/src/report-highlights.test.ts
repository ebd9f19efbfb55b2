import { describe, expect, it } from 'vitest';
import { type HighlightInput, reportHighlights } from './report-highlights';
import { THESIS_KEYS } from './theses';

const plain = (means: (number | null)[]): HighlightInput[] =>
  means.map((mean, index) => ({
    thesis: THESIS_KEYS[index]!,
    mean,
    change: null,
    orgMean: null,
    selfGap: null,
  }));

describe('reportHighlights', () => {
  it('picks the two highest as strengths and the two lowest as potential', () => {
    const result = reportHighlights(plain([3.1, 4.5, 3.8, 2.4, 4.1, 3.3, 3.9, 2.9, 4.4]));
    expect(result.strengths).toEqual([
      { thesis: 'values', reason: 'highest_score' },
      { thesis: 'renewal', reason: 'highest_score' },
    ]);
    expect(result.potential).toEqual([
      { thesis: 'reliability', reason: 'lowest_score' },
      { thesis: 'criticism', reason: 'lowest_score' },
    ]);
  });

  it('puts a fall beyond noise and a blind spot ahead of a low rank', () => {
    const inputs = plain([3.1, 4.5, 3.8, 2.4, 4.1, 3.3, 3.9, 2.9, 4.4]);
    inputs[4] = { ...inputs[4]!, change: { delta: -0.8, beyondNoise: true } };
    inputs[6] = { ...inputs[6]!, selfGap: 1.2 };
    inputs[2] = { ...inputs[2]!, change: { delta: -0.9, beyondNoise: false } };
    const result = reportHighlights(inputs);
    expect(result.potential).toEqual([
      { thesis: 'channels', reason: 'fall' },
      { thesis: 'humanity', reason: 'blind_spot' },
    ]);
    expect(result.strengths.map((h) => h.thesis)).toEqual(['values', 'renewal']);
  });

  it('names a rise beyond noise or a clear lead over the organisation as the reason of a strength', () => {
    const inputs = plain([3.1, 4.5, 3.8, 2.4, 4.1, 3.3, 3.9, 2.9, 4.4]);
    inputs[1] = { ...inputs[1]!, change: { delta: 0.7, beyondNoise: true } };
    inputs[8] = { ...inputs[8]!, orgMean: 4.1 };
    inputs[3] = { ...inputs[3]!, orgMean: 2.5 };
    inputs[7] = { ...inputs[7]!, orgMean: 3.2 };
    const result = reportHighlights(inputs);
    expect(result.strengths).toEqual([
      { thesis: 'values', reason: 'rise' },
      { thesis: 'renewal', reason: 'above_org' },
    ]);
    // 2.4 against 2.5 is not "clearly below"; 2.9 against 3.2 is.
    expect(result.potential).toEqual([
      { thesis: 'reliability', reason: 'lowest_score' },
      { thesis: 'criticism', reason: 'below_org' },
    ]);
  });

  it('picks fewer with few shown theses, none with one, and never the same thesis twice', () => {
    expect(reportHighlights(plain([4, null, 3, null, 2, null, null, null, null]))).toEqual({
      strengths: [{ thesis: 'visibility', reason: 'highest_score' }],
      potential: [{ thesis: 'channels', reason: 'lowest_score' }],
    });
    expect(reportHighlights(plain([4, null, null, null, null, null, null, null, null]))).toEqual({
      strengths: [],
      potential: [],
    });
    const inputs = plain([4.8, 4.6, 2, 2.2, null, null, null, null, null]);
    inputs[0] = { ...inputs[0]!, selfGap: 0.6 };
    inputs[1] = { ...inputs[1]!, change: { delta: -0.6, beyondNoise: true } };
    const result = reportHighlights(inputs);
    expect(result.potential).toEqual([
      { thesis: 'values', reason: 'fall' },
      { thesis: 'visibility', reason: 'blind_spot' },
    ]);
    expect(result.strengths).toEqual([
      { thesis: 'reliability', reason: 'highest_score' },
      { thesis: 'presence', reason: 'highest_score' },
    ]);
  });

  it('ranks nothing when every shown score is the same', () => {
    expect(reportHighlights(plain([3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5]))).toEqual({
      strengths: [],
      potential: [],
    });
  });
});
