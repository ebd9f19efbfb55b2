import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from './errors';
import {
  assertResultsReleased,
  type GatedStats,
  type GroupThesisCell,
  gateCell,
  gateComments,
  gateHeatmap,
  gateLeaderComments,
  gateLeaderRound,
  gateOrgBenchmark,
  gateParticipation,
  gateParticipationBreakdown,
  gateTotal,
  type LeaderGroupRollup,
  normalizeAnonymityThreshold,
  privacyGate,
  type RaterGroupRollup,
  resultsVisible,
  shuffle,
} from './privacy-gate';
import type { RaterGroup } from './rater-groups';
import { ROUND_STATES } from './round-state';
import { accumulate, type ThesisAccumulator } from './scoring';
import { THESIS_KEYS, type ThesisKey } from './theses';

const domainError = (code: DomainErrorCode) => expect.objectContaining({ name: 'DomainError', code });

/** A rater group as raw responses: one entry per respondent with their thesis scores. */
function rollup(
  raterGroup: RaterGroup,
  responses: readonly Partial<Record<ThesisKey, number>>[],
): RaterGroupRollup {
  const theses: Partial<Record<ThesisKey, ThesisAccumulator>> = {};
  for (const thesis of THESIS_KEYS) {
    const values = responses.flatMap((response) =>
      response[thesis] === undefined ? [] : [response[thesis]],
    );
    if (values.length > 0) theses[thesis] = accumulate(values);
  }
  return { raterGroup, responseCount: responses.length, theses };
}

/** n respondents who all gave `score` on visibility. */
const visibilityScores = (...scores: number[]) => scores.map((visibility) => ({ visibility }));

function shownMean(stats: GatedStats): number {
  if (stats.status !== 'shown') throw new Error('expected a shown figure');
  return stats.mean;
}

describe('normalizeAnonymityThreshold', () => {
  it('defaults to 3 when the organisation has not set k', () => {
    expect(normalizeAnonymityThreshold()).toBe(3);
    expect(normalizeAnonymityThreshold(null)).toBe(3);
    expect(normalizeAnonymityThreshold(Number.NaN)).toBe(3);
  });

  it('never lets k fall below 3', () => {
    expect([-5, 0, 1, 2].map(normalizeAnonymityThreshold)).toEqual([3, 3, 3, 3]);
  });

  it('caps k at 10', () => {
    expect([10, 11, 1000, Number.POSITIVE_INFINITY].map(normalizeAnonymityThreshold)).toEqual([
      10, 10, 10, 10,
    ]);
  });

  it('rounds a fractional k up, towards more privacy', () => {
    expect(normalizeAnonymityThreshold(4.2)).toBe(5);
  });
});

describe('gateLeaderRound — examples', () => {
  it('shows a rater group that has at least k responses', () => {
    const result = gateLeaderRound({ k: 3, groups: [rollup('direct_report', visibilityScores(4, 5, 3))] });
    const [directReports] = result.theses.visibility.groups;
    expect(directReports?.stats).toMatchObject({ status: 'shown', n: 3, mean: 4 });
    expect(result.groups).toEqual([
      {
        raterGroup: 'direct_report',
        identifiable: false,
        responses: { status: 'shown', count: 3 },
        withheld: false,
      },
    ]);
  });

  it('suppresses a rater group below k and returns no numbers for it', () => {
    const result = gateLeaderRound({ k: 3, groups: [rollup('peer', visibilityScores(1, 2))] });
    expect(result.theses.visibility.groups[0]?.stats).toEqual({ status: 'insufficient' });
    expect(result.theses.visibility.others).toEqual({ status: 'insufficient' });
    expect(result.groups[0]?.responses).toEqual({ status: 'insufficient' });
  });

  it('suppresses a rater group below k from the total', () => {
    const result = gateLeaderRound({
      k: 3,
      groups: [rollup('direct_report', visibilityScores(4, 4, 4)), rollup('peer', visibilityScores(1, 1))],
    });
    expect(result.theses.visibility.others).toMatchObject({ status: 'shown', n: 3, mean: 4 });
  });

  it('builds the total from every shown group, so it differs from each by at least k', () => {
    const result = gateLeaderRound({
      k: 3,
      groups: [
        rollup('direct_report', visibilityScores(5, 5, 5, 5)),
        rollup('peer', visibilityScores(2, 2, 2)),
      ],
    });
    expect(result.theses.visibility.others).toMatchObject({ status: 'shown', n: 7 });
    expect(shownMean(result.theses.visibility.others)).toBeCloseTo(26 / 7, 10);
  });

  it('suppresses a group on a thesis that fewer than k of its members could judge', () => {
    const responses = [{ visibility: 4, values: 5 }, { visibility: 4, values: 5 }, { visibility: 4 }];
    const result = gateLeaderRound({ k: 3, groups: [rollup('direct_report', responses)] });
    expect(result.theses.visibility.groups[0]?.stats.status).toBe('shown');
    expect(result.theses.values.groups[0]?.stats).toEqual({ status: 'insufficient' });
    expect(result.theses.values.others).toEqual({ status: 'insufficient' });
  });

  it('applies at least k = 3 even when asked for less', () => {
    const result = gateLeaderRound({ k: 1, groups: [rollup('direct_report', visibilityScores(5, 5))] });
    expect(result.k).toBe(3);
    expect(result.theses.visibility.others.status).toBe('insufficient');
  });

  it('applies a higher organisation threshold', () => {
    const result = gateLeaderRound({ k: 5, groups: [rollup('direct_report', visibilityScores(5, 5, 5, 5))] });
    expect(result.theses.visibility.others.status).toBe('insufficient');
  });

  it('keeps the self-assessment out of the others total and labels it identifiable', () => {
    const result = gateLeaderRound({
      k: 3,
      groups: [rollup('self', visibilityScores(5)), rollup('direct_report', visibilityScores(3, 3, 3))],
    });
    const { visibility } = result.theses;
    expect(visibility.self).toEqual({ raterGroup: 'self', identifiable: true, score: 5 });
    expect(visibility.others).toMatchObject({ n: 3, mean: 3 });
    expect(visibility.groups.map((group) => group.raterGroup)).toEqual(['direct_report']);
    expect(visibility.selfOtherGap).toEqual({ gap: 2, kind: 'blind_spot' });
  });

  it('leaves the self-assessment out for readers other than the leader', () => {
    const result = gateLeaderRound({
      k: 3,
      includeSelf: false,
      groups: [rollup('self', visibilityScores(5)), rollup('direct_report', visibilityScores(3, 3, 3))],
    });
    expect(result.theses.visibility.self).toBeNull();
    expect(result.theses.visibility.selfOtherGap).toBeNull();
  });

  it('shows no self-other gap while the others total is insufficient', () => {
    const result = gateLeaderRound({
      k: 3,
      groups: [rollup('self', visibilityScores(5)), rollup('direct_report', visibilityScores(1))],
    });
    expect(result.theses.visibility.self?.score).toBe(5);
    expect(result.theses.visibility.selfOtherGap).toBeNull();
  });

  it('suppresses the usual single manager and keeps them out of the total', () => {
    const result = gateLeaderRound({
      k: 3,
      groups: [rollup('manager', visibilityScores(1)), rollup('direct_report', visibilityScores(5, 5, 5))],
    });
    const manager = result.theses.visibility.groups.find((group) => group.raterGroup === 'manager');
    expect(manager).toEqual({ raterGroup: 'manager', identifiable: true, stats: { status: 'insufficient' } });
    expect(result.theses.visibility.others).toMatchObject({ n: 3, mean: 5 });
  });

  it('shows a manager group that reaches k on its own, still labelled identifiable', () => {
    const result = gateLeaderRound({ k: 3, groups: [rollup('manager', visibilityScores(4, 4, 4))] });
    expect(result.theses.visibility.groups[0]).toMatchObject({
      identifiable: true,
      stats: { status: 'shown' },
    });
  });

  it('lists groups in canonical order whatever the input order', () => {
    const result = gateLeaderRound({
      k: 3,
      groups: [rollup('manager', []), rollup('peer', []), rollup('direct_report', [])],
    });
    expect(result.groups.map((group) => group.raterGroup)).toEqual(['direct_report', 'peer', 'manager']);
  });

  it('returns every thesis, insufficient where nobody answered', () => {
    const result = gateLeaderRound({ k: 3, groups: [rollup('direct_report', visibilityScores(4, 4, 4))] });
    expect(Object.keys(result.theses)).toEqual([...THESIS_KEYS]);
    expect(result.theses.renewal.others).toEqual({ status: 'insufficient' });
  });

  it('rejects rollups that cannot be real', () => {
    const valid = rollup('direct_report', visibilityScores(4, 4, 4));
    expect(() => gateLeaderRound({ k: 3, groups: [valid, valid] })).toThrow(domainError('invalid_input'));
    expect(() => gateLeaderRound({ k: 3, groups: [{ ...valid, responseCount: 2 }] })).toThrow(
      domainError('invalid_input'),
    );
    expect(() => gateLeaderRound({ k: 3, groups: [rollup('self', visibilityScores(4, 4))] })).toThrow(
      domainError('invalid_input'),
    );
    const corrupt = { ...valid, theses: { visibility: { ...valid.theses.visibility!, favourable: 9 } } };
    expect(() => gateLeaderRound({ k: 3, groups: [corrupt] })).toThrow(domainError('invalid_accumulator'));
    const unknownThesis = {
      ...valid,
      theses: { charisma: valid.theses.visibility },
    } as unknown as RaterGroupRollup;
    expect(() => gateLeaderRound({ k: 3, groups: [unknownThesis] })).toThrow(domainError('invalid_input'));
  });
});

describe('privacyGate, gateCell and gateTotal', () => {
  const cell = (groupKey: string, raterGroup: RaterGroup, scores: number[], responseCount = scores.length) =>
    ({
      groupKey,
      raterGroup,
      responseCount,
      thesis: 'dialogue',
      acc: accumulate(scores),
    }) satisfies GroupThesisCell;

  it('gates each cell and totals only the shown non-self cells', () => {
    const result = privacyGate({
      k: 3,
      cells: [cell('dr', 'direct_report', [4, 4, 4]), cell('peer', 'peer', [1, 1]), cell('me', 'self', [5])],
    });
    expect(result.cells.map((gated) => [gated.groupKey, gated.identifiable, gated.stats.status])).toEqual([
      ['dr', false, 'shown'],
      ['peer', false, 'insufficient'],
      ['me', true, 'insufficient'],
    ]);
    expect(result.totals.dialogue).toMatchObject({ n: 3, mean: 4 });
    expect(result.totals.visibility).toEqual({ status: 'insufficient' });
  });

  it('judges a single cell by the same rule', () => {
    expect(gateCell(cell('dr', 'direct_report', [4, 4, 4]), 3).status).toBe('shown');
    expect(gateCell(cell('dr', 'direct_report', [4, 4, 4]), 4).status).toBe('insufficient');
  });

  it('refuses to total cells of different theses or the same group twice', () => {
    const dialogue = cell('dr', 'direct_report', [4, 4, 4]);
    expect(() => gateTotal([dialogue, { ...dialogue, groupKey: 'x', thesis: 'values' }], 3)).toThrow(
      domainError('invalid_input'),
    );
    expect(() => gateTotal([dialogue, dialogue], 3)).toThrow(domainError('invalid_input'));
    expect(gateTotal([dialogue, cell('p', 'peer', [2])], 3)).toMatchObject({ n: 3 });
  });
});

describe('gateHeatmap and gateOrgBenchmark — examples', () => {
  const leaderGroup = (leaderId: string, raterGroup: RaterGroup, scores: number[]): LeaderGroupRollup => ({
    leaderId,
    ...rollup(raterGroup, visibilityScores(...scores)),
  });

  it("builds each leader's cell only from that leader's groups that pass k", () => {
    const result = gateHeatmap({
      k: 3,
      cells: [
        leaderGroup('ada', 'direct_report', [5, 5, 5]),
        leaderGroup('ada', 'manager', [1]),
        leaderGroup('ada', 'self', [5]),
        leaderGroup('bob', 'direct_report', [2, 2]),
      ],
    });
    expect(result.leaders.map((row) => row.leaderId)).toEqual(['ada', 'bob']);
    expect(result.leaders[0]?.theses.visibility).toMatchObject({ n: 3, mean: 5 });
    expect(result.leaders[1]?.theses.visibility).toEqual({ status: 'insufficient' });
  });

  it('averages the organisation only over shown leader cells', () => {
    const cells = [
      leaderGroup('ada', 'direct_report', [5, 5, 5]),
      leaderGroup('bob', 'direct_report', [3, 3, 3]),
      leaderGroup('cem', 'direct_report', [1, 1]),
    ];
    expect(gateOrgBenchmark({ k: 3, cells }).visibility).toMatchObject({ status: 'shown', n: 6, mean: 4 });
  });

  it('withholds the organisation average until enough leaders are shown', () => {
    const cells = [
      leaderGroup('ada', 'direct_report', [5, 5, 5]),
      leaderGroup('bob', 'direct_report', [3, 3]),
    ];
    expect(gateOrgBenchmark({ k: 3, cells, minLeaders: 2 }).visibility).toEqual({ status: 'insufficient' });
    expect(gateOrgBenchmark({ k: 3, cells }).visibility.status).toBe('shown');
  });

  it('gives a leader the same figure in the heatmap as in their own report', () => {
    const groups = [
      rollup('direct_report', visibilityScores(5, 4, 4, 2)),
      rollup('peer', visibilityScores(3, 3, 4)),
      rollup('manager', visibilityScores(1)),
    ];
    const heatmap = gateHeatmap({ k: 3, cells: groups.map((group) => ({ leaderId: 'ada', ...group })) });
    const report = gateLeaderRound({ k: 3, groups });
    expect(heatmap.leaders[0]?.theses.visibility).toEqual(report.theses.visibility.others);
  });

  it('rejects the same leader group twice', () => {
    const cell = leaderGroup('ada', 'peer', [4, 4, 4]);
    expect(() => gateHeatmap({ k: 3, cells: [cell, cell] })).toThrow(domainError('invalid_input'));
  });
});

/*
 * Property tests. Provenance is found by experiment rather than trusted: a
 * respondent belongs to a figure exactly when changing that respondent's
 * score changes the figure. The anonymity rules are then checked on those
 * measured respondent sets.
 */

const PROPERTY_THESES = ['visibility', 'dialogue', 'renewal'] as const satisfies readonly ThesisKey[];

interface RawRespondent {
  id: string;
  scores: Partial<Record<ThesisKey, number>>;
}

interface RawGroup {
  leaderId: string;
  raterGroup: RaterGroup;
  respondents: RawRespondent[];
}

type Figures = Map<string, GatedStats>;

const thesisScoreOrCantJudge = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 5 });
const respondentScores = fc.record(
  Object.fromEntries(PROPERTY_THESES.map((thesis) => [thesis, thesisScoreOrCantJudge])) as Record<
    (typeof PROPERTY_THESES)[number],
    typeof thesisScoreOrCantJudge
  >,
);

function rawGroupArbitrary(leaderId: string, raterGroup: RaterGroup, maxSize: number) {
  return fc.array(respondentScores, { maxLength: raterGroup === 'self' ? 1 : maxSize }).map(
    (scores): RawGroup => ({
      leaderId,
      raterGroup,
      respondents: scores.map((scoreSet, index) => ({
        id: `${leaderId}/${raterGroup}/${index}`,
        scores: scoreSet as Partial<Record<ThesisKey, number>>,
      })),
    }),
  );
}

function leaderGroupsArbitrary(leaderId: string, maxSize: number) {
  return fc
    .subarray(['direct_report', 'peer', 'manager', 'self'] as RaterGroup[])
    .chain((raterGroups) =>
      fc.tuple(...raterGroups.map((group) => rawGroupArbitrary(leaderId, group, maxSize))),
    );
}

function toRollup(group: RawGroup): LeaderGroupRollup {
  return {
    leaderId: group.leaderId,
    ...rollup(
      group.raterGroup,
      group.respondents.map((respondent) => respondent.scores),
    ),
  };
}

function isSuppressedAtom(group: RawGroup, thesis: ThesisKey, k: number): boolean {
  const scored = group.respondents.filter((respondent) => respondent.scores[thesis] !== undefined).length;
  return group.raterGroup === 'self' || group.respondents.length < k || scored < k;
}

/** Respondent ids behind each figure of each thesis, found by perturbing one score at a time. */
function measureProvenance(
  groups: readonly RawGroup[],
  figuresOf: (groups: readonly RawGroup[]) => Record<ThesisKey, Figures>,
): Record<ThesisKey, Map<string, Set<string>>> {
  const baseline = figuresOf(groups);
  const provenance = Object.fromEntries(
    THESIS_KEYS.map((thesis) => [
      thesis,
      new Map([...baseline[thesis].keys()].map((key) => [key, new Set<string>()])),
    ]),
  ) as Record<ThesisKey, Map<string, Set<string>>>;

  for (const [groupIndex, group] of groups.entries()) {
    for (const [respondentIndex, respondent] of group.respondents.entries()) {
      for (const thesis of PROPERTY_THESES) {
        const score = respondent.scores[thesis];
        if (score === undefined) continue;
        const changedRespondent = {
          ...respondent,
          scores: { ...respondent.scores, [thesis]: score === 5 ? 4 : score + 1 },
        };
        const changedGroups = groups.map((candidate, index) =>
          index === groupIndex
            ? {
                ...candidate,
                respondents: candidate.respondents.map((r, i) =>
                  i === respondentIndex ? changedRespondent : r,
                ),
              }
            : candidate,
        );
        const changed = figuresOf(changedGroups)[thesis];
        for (const [key, figure] of baseline[thesis]) {
          if (JSON.stringify(changed.get(key)) !== JSON.stringify(figure)) {
            provenance[thesis].get(key)!.add(respondent.id);
          }
        }
      }
    }
  }
  return provenance;
}

function isSubset(small: Set<string>, large: Set<string>): boolean {
  return [...small].every((id) => large.has(id));
}

/** Rules (a)–(d) for one gated output, given each figure's measured respondents. */
function expectAnonymityRules(
  k: number,
  groups: readonly RawGroup[],
  figures: Record<ThesisKey, Figures>,
  provenance: Record<ThesisKey, Map<string, Set<string>>>,
): void {
  for (const thesis of THESIS_KEYS) {
    const shownFigures: Set<string>[] = [];
    for (const [key, stats] of figures[thesis]) {
      const respondents = provenance[thesis].get(key)!;
      if (stats.status === 'insufficient') {
        // (c) an insufficient figure carries nothing but its status
        expect(Object.keys(stats)).toEqual(['status']);
        continue;
      }
      // (a) no shown figure rests on fewer than k respondents, and its n tells the truth
      expect(respondents.size).toBe(stats.n);
      expect(respondents.size).toBeGreaterThanOrEqual(k);
      // (d) a suppressed group, self included, contributes to no figure
      for (const group of groups) {
        if (!isSuppressedAtom(group, thesis, k)) continue;
        for (const respondent of group.respondents) expect(respondents.has(respondent.id)).toBe(false);
      }
      shownFigures.push(respondents);
    }
    // (b) nested figures differ by zero or by at least k respondents
    for (const small of shownFigures) {
      for (const large of shownFigures) {
        if (small === large || !isSubset(small, large)) continue;
        const difference = large.size - small.size;
        expect(difference === 0 || difference >= k).toBe(true);
      }
    }
  }
}

describe('privacy gate — properties', () => {
  const kArbitrary = fc.integer({ min: 3, max: 10 });

  it('gateLeaderRound obeys the anonymity rules for any k, groups and reader', () => {
    fc.assert(
      fc.property(kArbitrary, leaderGroupsArbitrary('ada', 14), fc.boolean(), (k, groups, includeSelf) => {
        const figuresOf = (raw: readonly RawGroup[]) => {
          const result = gateLeaderRound({ k, groups: raw.map(toRollup), includeSelf });
          return Object.fromEntries(
            THESIS_KEYS.map((thesis) => {
              const { groups: perGroup, others } = result.theses[thesis];
              const figures: Figures = new Map(
                perGroup.map((group) => [`group:${group.raterGroup}`, group.stats]),
              );
              figures.set('others', others);
              return [thesis, figures];
            }),
          ) as Record<ThesisKey, Figures>;
        };
        expectAnonymityRules(k, groups, figuresOf(groups), measureProvenance(groups, figuresOf));
      }),
      { numRuns: 300 },
    );
  });

  it('gateHeatmap obeys the anonymity rules across leaders and the organisation average', () => {
    const leaders = fc.tuple(
      leaderGroupsArbitrary('ada', 8),
      leaderGroupsArbitrary('bob', 8),
      leaderGroupsArbitrary('cem', 8),
    );
    fc.assert(
      fc.property(kArbitrary, leaders, (k, perLeader) => {
        const groups = perLeader.flat();
        const figuresOf = (raw: readonly RawGroup[]) => {
          const result = gateHeatmap({ k, cells: raw.map(toRollup) });
          return Object.fromEntries(
            THESIS_KEYS.map((thesis) => {
              const figures: Figures = new Map(
                result.leaders.map((row) => [`leader:${row.leaderId}`, row.theses[thesis]]),
              );
              figures.set('org', result.orgAverage[thesis]);
              return [thesis, figures];
            }),
          ) as Record<ThesisKey, Figures>;
        };
        expectAnonymityRules(k, groups, figuresOf(groups), measureProvenance(groups, figuresOf));
      }),
      { numRuns: 120 },
    );
  });

  it('shows the self-assessment only to the leader and only as their own score', () => {
    fc.assert(
      fc.property(kArbitrary, leaderGroupsArbitrary('ada', 6), (k, groups) => {
        const selfGroup = groups.find((group) => group.raterGroup === 'self');
        const forOthers = gateLeaderRound({ k, groups: groups.map(toRollup), includeSelf: false });
        const forLeader = gateLeaderRound({ k, groups: groups.map(toRollup) });
        for (const thesis of THESIS_KEYS) {
          expect(forOthers.theses[thesis].self).toBeNull();
          const selfScore = selfGroup?.respondents[0]?.scores[thesis];
          expect(forLeader.theses[thesis].self?.score).toBe(selfScore);
          expect(forLeader.theses[thesis].self?.identifiable ?? true).toBe(true);
        }
      }),
    );
  });

  it('leaves a withheld group (cross-round differencing) out of every figure, total and comment', () => {
    fc.assert(
      fc.property(
        kArbitrary,
        leaderGroupsArbitrary('ada', 14),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        (k, groups, flags) => {
          const rollups = groups
            .map(toRollup)
            .map((rollup, index) => ({ ...rollup, withheld: flags[index % 4] }));
          const result = gateLeaderRound({ k, groups: rollups });
          // Every figure equals the figure computed as if the withheld groups had never answered.
          const without = gateLeaderRound({
            k,
            groups: rollups.map((rollup) =>
              rollup.withheld ? { ...rollup, responseCount: 0, theses: {} } : rollup,
            ),
          });
          for (const thesis of THESIS_KEYS) {
            expect(result.theses[thesis].others).toEqual(without.theses[thesis].others);
            expect(result.theses[thesis].groups.map((g) => g.stats)).toEqual(
              without.theses[thesis].groups.map((g) => g.stats),
            );
          }
          for (const group of result.groups) {
            const withheld = rollups.find((r) => r.raterGroup === group.raterGroup)?.withheld;
            if (withheld)
              expect(group).toMatchObject({ responses: { status: 'insufficient' }, withheld: true });
          }
          const comments = gateLeaderComments({
            k,
            groups: rollups.map((rollup) => ({
              raterGroup: rollup.raterGroup,
              responseCount: rollup.responseCount,
              withheld: rollup.withheld,
              comments: [{ thesis: null, text: `from ${rollup.raterGroup}` }],
            })),
            random: () => 0.5,
          });
          for (const rollup of rollups.filter((r) => r.withheld)) {
            expect(comments.map((c) => c.text)).not.toContain(`from ${rollup.raterGroup}`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats any requested k below 3 exactly like k = 3', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 3 }), leaderGroupsArbitrary('ada', 6), (k, groups) => {
        const rollups = groups.map(toRollup);
        expect(gateLeaderRound({ k, groups: rollups })).toEqual(gateLeaderRound({ k: 3, groups: rollups }));
      }),
    );
  });
});

describe('gateComments', () => {
  const comments = [
    { thesis: 'dialogue' as const, text: 'Listens well.' },
    { thesis: null, text: 'More one-to-ones, please.' },
    { thesis: 'values' as const, text: 'Clear about priorities.' },
  ];
  const firstIndexAlways = () => 0;

  it('returns no comments below k responses', () => {
    expect(gateComments(comments, 2, 3, Math.random)).toEqual([]);
    expect(gateComments(comments, 4, 5, Math.random)).toEqual([]);
  });

  it('shuffles comments with the injected random source', () => {
    const released = gateComments(comments, 3, 3, firstIndexAlways);
    expect(released.map((comment) => comment.text)).toEqual([
      'More one-to-ones, please.',
      'Clear about priorities.',
      'Listens well.',
    ]);
  });

  it('detaches comments from everything but thesis and text', () => {
    const withScores = comments.map((comment, index) => ({ ...comment, responseId: `r${index}`, score: 5 }));
    for (const comment of gateComments(withScores, 3, 3, Math.random)) {
      expect(Object.keys(comment).sort()).toEqual(['text', 'thesis']);
    }
  });

  it('drops blank comments and trims the rest', () => {
    const released = gateComments(
      [
        { thesis: null, text: '   ' },
        { thesis: null, text: ' Thanks! ' },
      ],
      3,
      3,
      Math.random,
    );
    expect(released).toEqual([{ thesis: null, text: 'Thanks!' }]);
  });

  it('pools leader comments only from non-self groups that reach k', () => {
    const released = gateLeaderComments({
      k: 3,
      random: Math.random,
      groups: [
        {
          raterGroup: 'direct_report',
          responseCount: 3,
          comments: [{ thesis: null, text: 'from the team' }],
        },
        { raterGroup: 'manager', responseCount: 1, comments: [{ thesis: null, text: 'from the manager' }] },
        { raterGroup: 'self', responseCount: 1, comments: [{ thesis: null, text: 'from myself' }] },
      ],
    });
    expect(released.map((comment) => comment.text)).toEqual(['from the team']);
  });
});

describe('shuffle', () => {
  it('returns a permutation of its input without touching it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer()),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        (items, draws) => {
          const copy = [...items];
          const shuffled = shuffle(items, () => draws.next().value);
          expect(items).toEqual(copy);
          expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        },
      ),
    );
  });

  it('rejects a random source outside [0, 1)', () => {
    expect(() => shuffle([1, 2], () => 1)).toThrow(domainError('invalid_input'));
  });
});

describe('gateParticipation', () => {
  it('shows the response rate once at least k raters answered', () => {
    expect(gateParticipation(10, 4, 3)).toEqual({ status: 'shown', invited: 10, answered: 4, rate: 0.4 });
  });

  it('withholds every number below k answers', () => {
    expect(gateParticipation(10, 2, 3)).toEqual({ status: 'insufficient' });
  });

  it('rejects more answers than invitations', () => {
    expect(() => gateParticipation(2, 3, 3)).toThrow(domainError('invalid_input'));
  });

  it('totals only the units that are shown', () => {
    const { units, total } = gateParticipationBreakdown({
      k: 3,
      units: [
        { key: 'ada', invited: 6, answered: 5 },
        { key: 'bob', invited: 4, answered: 3 },
        { key: 'cem', invited: 4, answered: 1 },
      ],
    });
    expect(units.map((unit) => unit.participation.status)).toEqual(['shown', 'shown', 'insufficient']);
    expect(total).toEqual({ status: 'shown', invited: 10, answered: 8, rate: 0.8 });
  });
});

describe('result release', () => {
  it('releases results only for closed and archived rounds', () => {
    expect(ROUND_STATES.filter(resultsVisible)).toEqual(['closed', 'archived']);
  });

  it('throws a typed error while the round is still open', () => {
    expect(() => assertResultsReleased('open')).toThrow(domainError('results_not_released'));
    expect(() => assertResultsReleased('closed')).not.toThrow();
  });
});

describe('small-team mode — examples', () => {
  const smallTeam = [
    rollup('direct_report', visibilityScores(5, 5)),
    rollup('peer', visibilityScores(3, 3)),
    rollup('manager', visibilityScores(1)),
    rollup('self', visibilityScores(2)),
  ];

  it('combines groups that are each below k into one figure once together they reach k', () => {
    const result = gateLeaderRound({ k: 3, groups: smallTeam, smallTeamMode: true, roundK: 3 });
    expect(result.combinedGroups).toBe(true);
    expect(result.theses.visibility.others).toMatchObject({ status: 'shown', n: 5, mean: 17 / 5 });
    // The self-assessment stays apart: its 2 is in no figure, only in the leader's own score.
    expect(result.theses.visibility.self?.score).toBe(2);
    expect(result.theses.visibility.groups.map((group) => group.stats)).toEqual([
      { status: 'insufficient' },
      { status: 'insufficient' },
      { status: 'insufficient' },
    ]);
    expect(result.groups.map((group) => group.responses)).toEqual([
      { status: 'insufficient' },
      { status: 'insufficient' },
      { status: 'insufficient' },
    ]);
  });

  it('shows nothing for the same groups with the mode off', () => {
    const result = gateLeaderRound({ k: 3, groups: smallTeam });
    expect(result.combinedGroups).toBe(false);
    expect(result.theses.visibility.others).toEqual({ status: 'insufficient' });
  });

  it('keeps the normal rule when one group reaches k on its own, the others stay hidden', () => {
    const result = gateLeaderRound({
      k: 3,
      smallTeamMode: true,
      groups: [rollup('direct_report', visibilityScores(5, 5, 5)), rollup('peer', visibilityScores(1, 1))],
    });
    expect(result.combinedGroups).toBe(false);
    expect(result.theses.visibility.others).toMatchObject({ status: 'shown', n: 3, mean: 5 });
  });

  it('does not combine after k was raised when a group reached the k the round promised', () => {
    // At the round's k = 3 the direct reports were shown alone; combining at k = 5 would let a
    // reader subtract them and learn the peers.
    const groups = [
      rollup('direct_report', visibilityScores(5, 5, 5)),
      rollup('peer', visibilityScores(1, 1)),
    ];
    const result = gateLeaderRound({ k: 5, groups, smallTeamMode: true, roundK: 3 });
    expect(result.combinedGroups).toBe(false);
    expect(result.theses.visibility.others).toEqual({ status: 'insufficient' });
  });

  it('combines nothing when a group is withheld against cross-round differencing', () => {
    const groups = smallTeam.map((group) =>
      group.raterGroup === 'peer' ? { ...group, withheld: true } : group,
    );
    const result = gateLeaderRound({ k: 3, groups, smallTeamMode: true });
    expect(result.combinedGroups).toBe(false);
    expect(result.theses.visibility.others).toEqual({ status: 'insufficient' });
  });

  it('needs k combined responses and k combined scores on a thesis', () => {
    const result = gateLeaderRound({
      k: 3,
      smallTeamMode: true,
      groups: [
        rollup('direct_report', [{ visibility: 4 }, { dialogue: 2 }]),
        rollup('peer', [{ visibility: 4 }, { visibility: 2, dialogue: 2 }]),
      ],
    });
    expect(result.combinedGroups).toBe(true);
    expect(result.theses.visibility.others).toMatchObject({ status: 'shown', n: 3 });
    expect(result.theses.dialogue.others).toEqual({ status: 'insufficient' });
  });

  it('releases the comments of all groups under a combined figure, and none without one', () => {
    const groups = [
      { raterGroup: 'direct_report' as const, responseCount: 2, comments: [{ thesis: null, text: 'team' }] },
      { raterGroup: 'manager' as const, responseCount: 1, comments: [{ thesis: null, text: 'manager' }] },
      { raterGroup: 'self' as const, responseCount: 1, comments: [{ thesis: null, text: 'myself' }] },
    ];
    const combined = gateLeaderComments({ k: 3, groups, random: () => 0, smallTeamMode: true });
    expect(combined.map((comment) => comment.text).sort()).toEqual(['manager', 'team']);
    expect(gateLeaderComments({ k: 3, groups, random: () => 0 })).toEqual([]);
    expect(gateLeaderComments({ k: 4, groups, random: () => 0, smallTeamMode: true })).toEqual([]);
  });

  it('never puts a combined figure into the heatmap or the organisation average', () => {
    const cells = [
      ...smallTeam.map((group) => ({ ...group, leaderId: 'ada' })),
      { ...rollup('direct_report', visibilityScores(2, 2, 2)), leaderId: 'bob' },
    ];
    const heatmap = gateHeatmap({ k: 3, cells });
    expect(heatmap.leaders.find((row) => row.leaderId === 'ada')?.theses.visibility).toEqual({
      status: 'insufficient',
    });
    expect(heatmap.orgAverage.visibility).toMatchObject({ status: 'shown', n: 3, mean: 2 });
  });
});

describe('small-team mode — properties', () => {
  const kArbitrary = fc.integer({ min: 3, max: 10 });
  /** The k the round promised and a k at or above it that a later read uses. */
  const kPair = fc
    .tuple(fc.integer({ min: 3, max: 6 }), fc.integer({ min: 0, max: 3 }))
    .map(([roundK, raise]) => ({ roundK, k: roundK + raise }));
  /** Small teams, so combining happens often. */
  const smallGroups = leaderGroupsArbitrary('ada', 5);

  function leaderFigures(k: number, roundK: number, raw: readonly RawGroup[], prefix = '') {
    const result = gateLeaderRound({
      k,
      roundK,
      smallTeamMode: true,
      groups: raw.map(toRollup),
    });
    return Object.fromEntries(
      THESIS_KEYS.map((thesis) => {
        const { groups: perGroup, others } = result.theses[thesis];
        const figures: Figures = new Map(
          perGroup.map((group) => [`${prefix}group:${group.raterGroup}`, group.stats]),
        );
        figures.set(`${prefix}others`, others);
        return [thesis, figures];
      }),
    ) as Record<ThesisKey, Figures>;
  }

  /**
   * The anonymity rules where groups below k may be combined: every shown figure rests on at
   * least `minimum` respondents and tells its n truly; an insufficient one carries nothing; the
   * self-assessment is in no figure; nested figures differ by none or at least `minimum`.
   */
  function expectCombinedRules(
    minimum: number,
    groups: readonly RawGroup[],
    figures: Record<ThesisKey, Figures>,
    provenance: Record<ThesisKey, Map<string, Set<string>>>,
  ): void {
    const selfIds = new Set(
      groups.filter((g) => g.raterGroup === 'self').flatMap((g) => g.respondents.map((r) => r.id)),
    );
    for (const thesis of THESIS_KEYS) {
      const shownSets: Set<string>[] = [];
      for (const [key, stats] of figures[thesis]) {
        const respondents = provenance[thesis].get(key)!;
        if (stats.status === 'insufficient') {
          expect(Object.keys(stats)).toEqual(['status']);
          continue;
        }
        expect(respondents.size).toBe(stats.n);
        expect(respondents.size).toBeGreaterThanOrEqual(minimum);
        for (const id of selfIds) expect(respondents.has(id)).toBe(false);
        shownSets.push(respondents);
      }
      for (const small of shownSets) {
        for (const large of shownSets) {
          if (small === large || !isSubset(small, large)) continue;
          const difference = large.size - small.size;
          expect(difference === 0 || difference >= minimum).toBe(true);
        }
      }
    }
  }

  it('shows nothing from fewer than k and no group figure next to a combined one', () => {
    fc.assert(
      fc.property(kPair, smallGroups, ({ roundK, k }, groups) => {
        const figuresOf = (raw: readonly RawGroup[]) => leaderFigures(k, roundK, raw);
        expectCombinedRules(k, groups, figuresOf(groups), measureProvenance(groups, figuresOf));
        const result = gateLeaderRound({ k, roundK, smallTeamMode: true, groups: groups.map(toRollup) });
        if (result.combinedGroups) {
          for (const thesis of THESIS_KEYS) {
            for (const group of result.theses[thesis].groups) {
              expect(group.stats).toEqual({ status: 'insufficient' });
            }
          }
          for (const group of result.groups) expect(group.responses).toEqual({ status: 'insufficient' });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every pair of figures ever released for a round at least k apart, whatever k later reads use', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        smallGroups,
        (roundK, raiseA, raiseB, groups) => {
          // Two reads of one round: at close and after the organisation changed k.
          const figuresOf = (raw: readonly RawGroup[]) => {
            const first = leaderFigures(roundK + raiseA, roundK, raw, 'a:');
            const second = leaderFigures(roundK + raiseB, roundK, raw, 'b:');
            return Object.fromEntries(
              THESIS_KEYS.map((thesis) => [thesis, new Map([...first[thesis], ...second[thesis]])]),
            ) as Record<ThesisKey, Figures>;
          };
          expectCombinedRules(roundK, groups, figuresOf(groups), measureProvenance(groups, figuresOf));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals the normal gate whenever it does not combine, and always with the mode off', () => {
    fc.assert(
      fc.property(kPair, smallGroups, fc.boolean(), ({ roundK, k }, groups, includeSelf) => {
        const rollups = groups.map(toRollup);
        const today = gateLeaderRound({ k, groups: rollups, includeSelf });
        expect(gateLeaderRound({ k, groups: rollups, includeSelf, smallTeamMode: false, roundK })).toEqual(
          today,
        );
        const withMode = gateLeaderRound({ k, groups: rollups, includeSelf, smallTeamMode: true, roundK });
        if (!withMode.combinedGroups) expect(withMode).toEqual(today);
        // Nothing is combined where the normal gate shows anything.
        if (THESIS_KEYS.some((thesis) => today.theses[thesis].others.status === 'shown'))
          expect(withMode.combinedGroups).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('combines nothing when any group is withheld', () => {
    fc.assert(
      fc.property(
        kPair,
        smallGroups,
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        ({ roundK, k }, groups, flags) => {
          const rollups = groups
            .map(toRollup)
            .map((rollup, index) => ({ ...rollup, withheld: flags[index] }));
          const result = gateLeaderRound({ k, roundK, smallTeamMode: true, groups: rollups });
          if (rollups.some((rollup) => rollup.raterGroup !== 'self' && rollup.withheld))
            expect(result.combinedGroups).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('releases comments only with k responses behind them, and only as the figures do', () => {
    fc.assert(
      fc.property(kPair, smallGroups, ({ roundK, k }, groups) => {
        const rollups = groups.map(toRollup);
        const comments = gateLeaderComments({
          k,
          roundK,
          smallTeamMode: true,
          random: () => 0.5,
          groups: rollups.map((rollup) => ({
            ...rollup,
            comments: times(rollup.responseCount, `from ${rollup.raterGroup}`),
          })),
        });
        const result = gateLeaderRound({ k, roundK, smallTeamMode: true, groups: rollups });
        const released = new Set(comments.map((comment) => comment.text));
        expect(released.has('from self')).toBe(false);
        const behind = rollups
          .filter((rollup) => released.has(`from ${rollup.raterGroup}`))
          .reduce((total, rollup) => total + rollup.responseCount, 0);
        if (released.size > 0) expect(behind).toBeGreaterThanOrEqual(k);
        if (result.combinedGroups) {
          expect(behind).toBe(
            rollups.filter((r) => r.raterGroup !== 'self').reduce((t, r) => t + r.responseCount, 0),
          );
        } else {
          const normal = gateLeaderComments({
            k,
            random: () => 0.5,
            groups: rollups.map((rollup) => ({
              ...rollup,
              comments: times(rollup.responseCount, `from ${rollup.raterGroup}`),
            })),
          });
          expect(comments).toEqual(normal);
        }
      }),
      { numRuns: 200 },
    );

    function times(count: number, text: string) {
      return Array.from({ length: count }, () => ({ thesis: null, text }));
    }
  });

  it('leaves a combined leader out of the heatmap and the organisation average at any k', () => {
    fc.assert(
      fc.property(
        kPair,
        smallGroups,
        leaderGroupsArbitrary('bob', 8),
        kArbitrary,
        ({ roundK, k }, ada, bob, readK) => {
          const combined = gateLeaderRound({ k, roundK, smallTeamMode: true, groups: ada.map(toRollup) });
          if (!combined.combinedGroups) return;
          const atK = Math.max(readK, roundK);
          const heatmap = gateHeatmap({ k: atK, cells: [...ada, ...bob].map(toRollup) });
          const withoutAda = gateHeatmap({ k: atK, cells: bob.map(toRollup) });
          const adaRow = heatmap.leaders.find((row) => row.leaderId === 'ada');
          for (const thesis of THESIS_KEYS) {
            if (adaRow) expect(adaRow.theses[thesis]).toEqual({ status: 'insufficient' });
            expect(heatmap.orgAverage[thesis]).toEqual(withoutAda.orgAverage[thesis]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
