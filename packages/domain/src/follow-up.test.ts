import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FollowUpGroupRollup,
  followUpItemKey,
  followUpQuestion,
  followUpThesis,
  gateFollowUp,
} from './follow-up';
import { RATER_GROUPS } from './rater-groups';

const group = (
  raterGroup: FollowUpGroupRollup['raterGroup'],
  responseCount: number,
  counts: number[],
  withheld = false,
): FollowUpGroupRollup => ({
  raterGroup,
  responseCount,
  withheld,
  theses: { dialogue: { n: counts.reduce((a, b) => a + b, 0), counts } },
});

describe('follow-up items', () => {
  it('names a follow-up item after its thesis and reads it back', () => {
    expect(followUpItemKey('dialogue')).toBe('follow-up.dialogue');
    expect(followUpThesis('follow-up.dialogue')).toBe('dialogue');
    expect(followUpThesis('dialogue.1')).toBeNull();
    expect(followUpThesis('follow-up.nonsense')).toBeNull();
  });

  it('asks in the words of the round’s questionnaire version', () => {
    expect(followUpQuestion(1, 'Dialogue', 'en')).toBe(
      'Since the last round, have you noticed a change in “Dialogue”?',
    );
    expect(followUpQuestion(1, 'Dialog', 'de')).toContain('„Dialog“');
    expect(() => followUpQuestion(99, 'x', 'en')).toThrow();
  });
});

describe('the follow-up gate', () => {
  it('shows a group of k who judged, with how many noticed a change', () => {
    const [result] = gateFollowUp({
      k: 3,
      theses: ['dialogue'],
      groups: [group('direct_report', 5, [0, 1, 2, 1])],
    });
    expect(result!.others).toEqual({
      status: 'shown',
      n: 4,
      noticed: 3,
      counts: { worse: 0, no_change: 1, somewhat_better: 2, clearly_better: 1 },
      cantJudge: 1,
    });
  });

  it("counts can't judge as answered but not as a judgement: fewer than k judgements show nothing", () => {
    const [result] = gateFollowUp({
      k: 3,
      theses: ['dialogue'],
      groups: [group('direct_report', 6, [0, 0, 1, 1])],
    });
    expect(result!.others).toEqual({ status: 'insufficient' });
    expect(result!.groups[0]!.result).toEqual({ status: 'insufficient' });
  });

  it('leaves a group below k, a withheld group and the self-assessment out of the total', () => {
    const [result] = gateFollowUp({
      k: 3,
      theses: ['dialogue'],
      groups: [
        group('direct_report', 4, [1, 1, 1, 1]),
        group('peer', 2, [0, 0, 2, 0]),
        group('manager', 3, [0, 0, 0, 3], true),
        group('self', 1, [0, 0, 0, 1]),
      ],
    });
    expect(result!.others).toMatchObject({ status: 'shown', n: 4, noticed: 2 });
    expect(result!.groups.map((g) => [g.raterGroup, g.result.status, g.identifiable])).toEqual([
      ['direct_report', 'shown', false],
      ['peer', 'insufficient', false],
      ['manager', 'insufficient', true],
    ]);
  });

  it('in a small-team round, combines groups that are each below k into one figure, and shows no group alone', () => {
    const groups = [
      group('direct_report', 2, [0, 0, 1, 1]),
      group('peer', 2, [0, 1, 0, 1]),
      group('manager', 1, [0, 0, 0, 0]),
      group('self', 1, [0, 0, 0, 1]),
    ];
    const [result] = gateFollowUp({ k: 3, theses: ['dialogue'], groups, smallTeamMode: true, roundK: 3 });
    // The manager could not judge: 5 answered, 4 judged, 3 noticed; the self-assessment is not in it.
    expect(result!.others).toEqual({
      status: 'shown',
      n: 4,
      noticed: 3,
      counts: { worse: 0, no_change: 1, somewhat_better: 1, clearly_better: 2 },
      cantJudge: 1,
    });
    expect(result!.groups.map((g) => g.result.status)).toEqual([
      'insufficient',
      'insufficient',
      'insufficient',
    ]);
    // The same round without the mode: nothing at all.
    const [plain] = gateFollowUp({ k: 3, theses: ['dialogue'], groups });
    expect(plain!.others).toEqual({ status: 'insufficient' });
  });

  it('does not combine next to a group shown alone, with a withheld group, or below k judgements', () => {
    const shownAlone = gateFollowUp({
      k: 3,
      theses: ['dialogue'],
      groups: [group('direct_report', 3, [0, 0, 1, 2]), group('peer', 2, [0, 0, 1, 1])],
      smallTeamMode: true,
      roundK: 3,
    })[0]!;
    // Peers stay out: the total is the direct reports alone, so nothing can be subtracted.
    expect(shownAlone.others).toMatchObject({ status: 'shown', n: 3 });
    expect(shownAlone.groups.map((g) => g.result.status)).toEqual(['shown', 'insufficient']);
    const withheld = gateFollowUp({
      k: 3,
      theses: ['dialogue'],
      groups: [group('direct_report', 2, [0, 0, 1, 1], true), group('peer', 2, [0, 0, 1, 1])],
      smallTeamMode: true,
      roundK: 3,
    })[0]!;
    expect(withheld.others).toEqual({ status: 'insufficient' });
    const fewJudged = gateFollowUp({
      k: 3,
      theses: ['dialogue'],
      groups: [group('direct_report', 2, [0, 0, 0, 1]), group('peer', 2, [0, 0, 1, 0])],
      smallTeamMode: true,
      roundK: 3,
    })[0]!;
    expect(fewJudged.others).toEqual({ status: 'insufficient' });
  });

  it('cannot be weakened by a k below 3', () => {
    const [result] = gateFollowUp({ k: 1, theses: ['dialogue'], groups: [group('peer', 2, [0, 0, 1, 1])] });
    expect(result!.others.status).toBe('insufficient');
  });

  it('refuses counts that do not add up', () => {
    expect(() =>
      gateFollowUp({
        k: 3,
        theses: ['dialogue'],
        groups: [
          { raterGroup: 'peer', responseCount: 3, theses: { dialogue: { n: 3, counts: [1, 1, 0, 0] } } },
        ],
      }),
    ).toThrow();
  });

  it('property: every figure is a union of whole groups of at least k judgements, the total the sum of the shown groups', () => {
    const groupArb = fc
      .record({
        responses: fc.integer({ min: 0, max: 12 }),
        counts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
        withheld: fc.boolean(),
      })
      .map(({ responses, counts, withheld }) => {
        const n = counts.reduce((a, b) => a + b, 0);
        return { responseCount: Math.max(responses, n), counts, withheld };
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.tuple(groupArb, groupArb, groupArb, groupArb),
        (k, parts) => {
          const groups = RATER_GROUPS.map((raterGroup, index) =>
            group(raterGroup, parts[index]!.responseCount, parts[index]!.counts, parts[index]!.withheld),
          )
            .map((g) => (g.raterGroup === 'self' ? { ...g, responseCount: Math.min(g.responseCount, 1) } : g))
            .filter((g) => g.theses.dialogue!.n <= g.responseCount);
          const [result] = gateFollowUp({ k, theses: ['dialogue'], groups });
          const threshold = Math.min(10, Math.max(3, k));
          let n = 0;
          for (const shown of result!.groups) {
            const source = groups.find((g) => g.raterGroup === shown.raterGroup)!;
            const usable =
              !source.withheld && source.responseCount >= threshold && source.theses.dialogue!.n >= threshold;
            expect(shown.result.status).toBe(usable ? 'shown' : 'insufficient');
            if (shown.result.status === 'shown') {
              expect(shown.result.n).toBeGreaterThanOrEqual(threshold);
              n += shown.result.n;
            }
          }
          if (n === 0) expect(result!.others.status).toBe('insufficient');
          else expect(result!.others).toMatchObject({ status: 'shown', n });
        },
      ),
    );
  });

  it('property: in a small-team round a figure is either whole groups of k, or all raters combined with no group shown', () => {
    const groupArb = fc
      .record({
        responses: fc.integer({ min: 0, max: 6 }),
        counts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
        withheld: fc.boolean(),
      })
      .map(({ responses, counts, withheld }) => {
        const n = counts.reduce((a, b) => a + b, 0);
        return { responseCount: Math.max(responses, n), counts, withheld };
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 3, max: 6 }),
        fc.tuple(groupArb, groupArb, groupArb),
        (k, roundK, parts) => {
          const groups = (['direct_report', 'peer', 'manager'] as const).map((raterGroup, index) =>
            group(raterGroup, parts[index]!.responseCount, parts[index]!.counts, parts[index]!.withheld),
          );
          const [result] = gateFollowUp({ k, theses: ['dialogue'], groups, smallTeamMode: true, roundK });
          const shownGroups = result!.groups.filter((g) => g.result.status === 'shown');
          const lowestK = Math.min(k, roundK);
          const aGroupReachesK = groups.some((g) => g.withheld || g.responseCount >= lowestK);
          if (result!.others.status !== 'shown') return;
          expect(result!.others.n).toBeGreaterThanOrEqual(k);
          if (shownGroups.length > 0) {
            // Whole groups only, and the total is exactly them.
            const sum = shownGroups.reduce((total, g) => total + (g.result as { n: number }).n, 0);
            expect(result!.others.n).toBe(sum);
          } else {
            // Combined: only when no group could be shown or was withheld, over every group's answers.
            expect(aGroupReachesK).toBe(false);
            const judged = groups.reduce((total, g) => total + g.theses.dialogue!.n, 0);
            expect(result!.others.n).toBe(judged);
          }
        },
      ),
    );
  });
});
