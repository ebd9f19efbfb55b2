import type { LeaderDashboard, LeaderThesisResult } from '@resonance/contracts';
import { THESIS_KEYS, type ThesisKey } from '@resonance/domain';
import { describe, expect, it } from 'vitest';
import {
  cssString,
  gapDigits,
  gapHistory,
  gapKind,
  highlightFacts,
  orderTheses,
  parseThesisOrder,
  reportBasis,
} from './report-model';

const ROUNDS = ['r1', 'r2', 'r3'].map((id, index) => ({
  id: `00000000-0000-4000-8000-00000000000${index + 1}`,
  name: `Round ${id}`,
  opensAt: `2026-0${index + 1}-01T00:00:00.000Z`,
  closesAt: `2026-0${index + 1}-20T00:00:00.000Z`,
}));
const [R1, R2, R3] = ROUNDS.map((round) => round.id) as [string, string, string];

function shown(mean: number) {
  return {
    status: 'shown' as const,
    mean,
    ci95: [mean - 0.3, mean + 0.3] as [number, number],
    favourablePercent: 50,
    distributionPercent: [0, 0, 50, 50, 0],
    n: 5,
  };
}

function thesis(
  key: ThesisKey,
  mean: number | null,
  extra: Partial<LeaderThesisResult> = {},
): LeaderThesisResult {
  return {
    thesis: key,
    others: mean === null ? { status: 'insufficient' } : shown(mean),
    change: null,
    self: null,
    selfOtherGap: null,
    orgAverage: shown(3.5),
    groups: [],
    trend: [],
    comments: [],
    ...extra,
  };
}

function dashboard(theses: LeaderThesisResult[], overrides: Partial<LeaderDashboard> = {}): LeaderDashboard {
  return {
    leader: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Lena Lead' },
    round: { ...ROUNDS[2]!, questionnaireVersion: 1 },
    rounds: ROUNDS,
    k: 3,
    combinedGroups: false,
    groups: [],
    theses,
    keepDoing: [],
    startDoing: [],
    highlights: { strengths: [], potential: [] },
    strongest: null,
    weakest: null,
    ...overrides,
  };
}

const MEANS = [3.2, 3.6, 3.9, 3.5, 3.7, 2.8, 3.0, 2.9, null];
const nine = THESIS_KEYS.map((key, index) => thesis(key, MEANS[index]!));

describe('orderTheses', () => {
  it('puts the theses with most potential first, then the rest from the lowest score up, hidden last', () => {
    const report = dashboard(nine, {
      highlights: {
        strengths: [{ thesis: 'presence', reason: 'highest_score' }],
        potential: [
          { thesis: 'channels', reason: 'fall' },
          { thesis: 'dialogue', reason: 'lowest_score' },
        ],
      },
    });
    expect(orderTheses(report, 'priority').map((result) => result.thesis)).toEqual([
      'channels',
      'dialogue',
      'criticism',
      'humanity',
      'visibility',
      'reliability',
      'values',
      'presence',
      'renewal',
    ]);
  });

  it('orders by score from the highest, ties in questionnaire order, hidden last', () => {
    const tied = dashboard([
      thesis('visibility', 3),
      thesis('values', null),
      thesis('presence', 4),
      thesis('reliability', 3),
    ]);
    expect(orderTheses(tied, 'score').map((result) => result.thesis)).toEqual([
      'presence',
      'visibility',
      'reliability',
      'values',
    ]);
  });

  it('keeps the questionnaire order when asked, and falls back to priority for an unknown order', () => {
    expect(orderTheses(dashboard(nine), 'questionnaire').map((result) => result.thesis)).toEqual([
      ...THESIS_KEYS,
    ]);
    expect(parseThesisOrder('score')).toBe('score');
    expect(parseThesisOrder('<script>')).toBe('priority');
    expect(parseThesisOrder(undefined)).toBe('priority');
  });
});

describe('highlightFacts', () => {
  it('names the change for a rise or a fall', () => {
    const result = thesis('dialogue', 2.8, {
      change: { previousRoundId: R2, previousMean: 3.3, delta: -0.5, beyondNoise: true, pValue: 0.01 },
    });
    expect(highlightFacts({ thesis: 'dialogue', reason: 'fall' }, result)).toEqual({
      reason: 'fall',
      delta: -0.5,
    });
  });

  it('names the distance from the organisation, always positive', () => {
    expect(highlightFacts({ thesis: 'dialogue', reason: 'below_org' }, thesis('dialogue', 3.1))).toEqual({
      reason: 'below_org',
      difference: 0.4,
    });
    expect(highlightFacts({ thesis: 'dialogue', reason: 'above_org' }, thesis('dialogue', 4.25))).toEqual({
      reason: 'above_org',
      difference: 0.75,
    });
  });

  it('names the self-versus-others gap for a blind spot', () => {
    const result = thesis('criticism', 2, { selfOtherGap: { gap: 2.31, kind: 'blind_spot' } });
    expect(highlightFacts({ thesis: 'criticism', reason: 'blind_spot' }, result)).toEqual({
      reason: 'blind_spot',
      gap: 2.31,
    });
  });

  it('falls back to the rank when the named figure is missing', () => {
    expect(highlightFacts({ thesis: 'values', reason: 'rise' }, thesis('values', 4))).toEqual({
      reason: 'highest_score',
    });
    expect(highlightFacts({ thesis: 'values', reason: 'blind_spot' }, thesis('values', 2))).toEqual({
      reason: 'lowest_score',
    });
  });
});

describe('reportBasis', () => {
  const group = (
    raterGroup: 'direct_report' | 'peer' | 'manager',
    count: number | null,
    withheld = false,
  ) => ({
    raterGroup,
    identifiable: raterGroup === 'manager',
    responses: count === null ? { status: 'insufficient' as const } : { status: 'shown' as const, count },
    withheld,
  });

  it('says when the direct reports are missing and the figures rest on peers only', () => {
    const basis = reportBasis(
      dashboard(nine, { groups: [group('direct_report', null), group('peer', 4), group('manager', null)] }),
    );
    expect(basis.scope).toBe('without_direct_reports');
    expect(basis.shown).toEqual([{ raterGroup: 'peer', count: 4, identifiable: false }]);
    expect(basis.insufficient).toEqual(['direct_report', 'manager']);
  });

  it('treats a withheld team like a missing one, and keeps it apart from "not enough"', () => {
    const basis = reportBasis(
      dashboard(nine, { groups: [group('direct_report', null, true), group('peer', 5)] }),
    );
    expect(basis.scope).toBe('without_direct_reports');
    expect(basis.withheld).toEqual(['direct_report']);
    expect(basis.insufficient).toEqual([]);
  });

  it('is partial when another group is hidden, complete when none is, none when nothing is shown', () => {
    expect(
      reportBasis(dashboard(nine, { groups: [group('direct_report', 5), group('peer', null)] })).scope,
    ).toBe('partial');
    expect(
      reportBasis(dashboard(nine, { groups: [group('direct_report', 5), group('peer', 3)] })).scope,
    ).toBe('all');
    expect(reportBasis(dashboard(nine, { groups: [group('direct_report', null)] })).scope).toBe('none');
  });

  it('says the groups were combined in small-team mode, naming every group the round asked', () => {
    const basis = reportBasis(
      dashboard(nine, {
        combinedGroups: true,
        groups: [group('direct_report', null), group('peer', null), group('manager', null)],
      }),
    );
    expect(basis).toEqual({
      shown: [],
      insufficient: [],
      withheld: [],
      combined: ['direct_report', 'peer', 'manager'],
      scope: 'combined',
    });
  });
});

describe('gapHistory', () => {
  function withGaps(gaps: [number | null, number | null, number | null]) {
    const [g1, g2, g3] = gaps;
    return thesis('dialogue', 3, {
      self: g3 === null ? null : { score: 3 + g3 },
      selfOtherGap: g3 === null ? null : { gap: g3, kind: 'aligned' },
      trend: [
        { roundId: R1, mean: 3, ci95: null, self: g1 === null ? null : 3 + g1, orgMean: null },
        { roundId: R2, mean: 3, ci95: null, self: g2 === null ? null : 3 + g2, orgMean: null },
        { roundId: R3, mean: 3, ci95: null, self: g3 === null ? null : 3 + g3, orgMean: null },
      ],
    });
  }
  const verdict = (gaps: [number | null, number | null, number | null]) => {
    const result = withGaps(gaps);
    return gapHistory(dashboard([result]), result);
  };

  it('labels a gap below half a point as close, from half a point on as blind spot or hidden strength', () => {
    expect(gapKind(0.4)).toBe('close');
    expect(gapKind(-0.49)).toBe('close');
    expect(gapKind(0.5)).toBe('blind_spot');
    expect(gapKind(-0.5)).toBe('hidden_strength');
  });

  it('shows a gap just inside the band with two decimals, so "close" never sits next to "0.5"', () => {
    expect(gapDigits(0.48)).toBe(2);
    expect(gapDigits(-0.45)).toBe(2);
    expect(gapDigits(0.5)).toBe(1);
    expect(gapDigits(0.41)).toBe(1);
  });

  it('lists the gap of every closed round up to the selected one', () => {
    expect(verdict([1.5, 1.2, 0.9]).points.map((point) => point.gap)).toEqual([1.5, 1.2, 0.9]);
  });

  it('sees a blind spot closing when it narrowed by at least 0.2 and widening when it grew by as much', () => {
    expect(verdict([null, 1.4, 1.1])).toMatchObject({
      verdict: 'closing',
      comparedWith: R2,
      kind: 'blind_spot',
    });
    expect(verdict([null, 1.4, 1.6]).verdict).toBe('widening');
    expect(verdict([null, 1.4, 1.3]).verdict).toBe('unchanged');
    expect(verdict([null, -0.9, -0.6]).verdict).toBe('closing');
  });

  it('sees a gap closed when it came into the band, opened when it left it', () => {
    expect(verdict([1.0, null, 0.3])).toMatchObject({ verdict: 'closed', comparedWith: R1, kind: 'close' });
    expect(verdict([0.2, 0.3, 0.6]).verdict).toBe('opened');
    expect(verdict([0.2, 0.3, 0.4]).verdict).toBe('still_close');
    expect(verdict([0.8, 0.3, -0.7]).verdict).toBe('opened');
    expect(verdict([null, 0.8, -0.7]).verdict).toBe('reversed');
  });

  it('has nothing to compare in the first round with both figures, and no verdict without a self score', () => {
    expect(verdict([null, null, 0.9]).verdict).toBe('first');
    expect(verdict([0.9, 0.8, null]).verdict).toBe('none');
  });

  it('ends the history at the selected round when an older one is viewed', () => {
    const result = withGaps([1.0, 0.6, 0.2]);
    const report = dashboard([result], { round: { ...ROUNDS[1]!, questionnaireVersion: 1 } });
    const history = gapHistory(report, { ...result, selfOtherGap: { gap: 0.6, kind: 'blind_spot' } });
    expect(history.points.map((point) => point.roundId)).toEqual([R1, R2]);
    expect(history.verdict).toBe('closing');
  });
});

describe('cssString', () => {
  it('escapes everything that could end the string or the stylesheet', () => {
    expect(cssString('Markus Hoffmann · Nordlicht GmbH')).toBe('"Markus Hoffmann · Nordlicht GmbH"');
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5c c\\3c \\2f style\\3e "');
    expect(cssString('Jörg Müller-Lüdenscheidt')).toBe('"Jörg Müller-Lüdenscheidt"');
  });
});
