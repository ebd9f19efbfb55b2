import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differencingVerdict, isolatesSomeone } from './differencing';

const team = (...names: string[]) => names;

describe('differencingVerdict — examples', () => {
  it('releases a group whose membership did not change', () => {
    expect(
      differencingVerdict({
        k: 3,
        candidate: team('a', 'b', 'c', 'd'),
        released: [team('a', 'b', 'c', 'd')],
      }),
    ).toEqual({ withheld: false });
  });

  it('withholds a group with one joiner (the issue: 5·mean₂ − 4·mean₁ is the joiner)', () => {
    expect(
      differencingVerdict({
        k: 3,
        candidate: team('a', 'b', 'c', 'd', 'e'),
        released: [team('a', 'b', 'c', 'd')],
      }),
    ).toEqual({ withheld: true, reason: 'small_difference' });
  });

  it('withholds one leaver, and one leaver plus one joiner', () => {
    const before = team('a', 'b', 'c', 'd', 'e');
    expect(
      differencingVerdict({ k: 3, candidate: team('a', 'b', 'c', 'd'), released: [before] }).withheld,
    ).toBe(true);
    expect(
      differencingVerdict({ k: 3, candidate: team('a', 'b', 'c', 'd', 'x'), released: [before] }).withheld,
    ).toBe(true);
  });

  it('releases a change of k or more people', () => {
    expect(
      differencingVerdict({
        k: 3,
        candidate: team('a', 'b', 'c', 'd', 'e', 'f', 'g'),
        released: [team('a', 'b', 'c', 'd')],
      }),
    ).toEqual({ withheld: false });
  });

  it('uses k: a change of 3 is too small when k is 5', () => {
    expect(
      differencingVerdict({
        k: 5,
        candidate: team('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
        released: [team('a', 'b', 'c', 'd', 'e')],
      }).withheld,
    ).toBe(true);
  });

  it('compares with every earlier released round, not only the previous one', () => {
    expect(
      differencingVerdict({
        k: 3,
        candidate: team('a', 'b', 'c', 'd', 'e'),
        released: [team('a', 'b', 'c', 'd'), team('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')],
      }),
    ).toEqual({ withheld: true, reason: 'small_difference' });
  });

  it('catches a person isolated by three rounds although every pair differs by k or more', () => {
    expect(
      differencingVerdict({
        k: 3,
        candidate: team('d', 'e', 'f', 'g'),
        released: [team('a', 'b', 'c'), team('a', 'b', 'c', 'd', 'e', 'f')],
      }),
    ).toEqual({ withheld: true, reason: 'isolates_person' });
  });

  it('releases the first round of a group (nothing to difference against)', () => {
    expect(differencingVerdict({ k: 3, candidate: team('a', 'b', 'c'), released: [] })).toEqual({
      withheld: false,
    });
  });
});

/**
 * The attack, simulated: a leader knows who was in the team each round and reads every released
 * figure (n and mean, so the sum). Everyone answers (the worst case). The property: after any
 * history of joins and leaves, no released figure nor any difference of two released figures is the
 * sum of 1 to k−1 people, and no single person's score is determined by the released sums — checked
 * here independently of the implementation's exact arithmetic, by floating-point least squares on
 * random scores: if person i were determined, two score vectors that agree on every released sum
 * would agree on i.
 */
describe('differencingVerdict — property: released rounds cannot be differenced', () => {
  const people = Array.from({ length: 9 }, (_, index) => `p${index}`);
  const membership = fc.subarray(people, { minLength: 3 });
  const history = fc.array(membership, { minLength: 2, maxLength: 7 });

  it('holds for random team histories and k', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 3, max: 5 }), (rounds, k) => {
        const released: string[][] = [];
        for (const members of rounds) {
          if (members.length < k) continue; // below k the gate shows nothing anyway
          if (!differencingVerdict({ k, candidate: members, released }).withheld) released.push(members);
        }
        for (let i = 0; i < released.length; i++) {
          for (let j = 0; j < i; j++) {
            const a = new Set(released[i]);
            const b = new Set(released[j]);
            const diff = [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
            expect(diff === 0 || diff >= k).toBe(true);
          }
        }
        expect(determinedPeople(released)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('the exact check agrees with an independent floating-point rank test', () => {
    fc.assert(
      fc.property(fc.array(membership, { minLength: 1, maxLength: 6 }), (sets) => {
        expect(isolatesSomeone(sets.map((set) => new Set(set)))).toBe(determinedPeople(sets).length > 0);
      }),
      { numRuns: 400 },
    );
  });
});

/** People whose value is fixed by the sums over `sets`: e_i in the row space, by float rank. */
function determinedPeople(sets: readonly (readonly string[])[]): string[] {
  const universe = [...new Set(sets.flat())];
  const matrix = sets.map((set) => universe.map((person) => (set.includes(person) ? 1 : 0)));
  const base = floatRank(matrix);
  return universe.filter((_, column) => {
    const unit = universe.map((__, c) => (c === column ? 1 : 0));
    return floatRank([...matrix, unit]) === base;
  });
}

function floatRank(input: number[][]): number {
  const rows = input.map((row) => [...row]);
  let rank = 0;
  const width = rows[0]?.length ?? 0;
  for (let column = 0; column < width && rank < rows.length; column++) {
    let best = rank;
    for (let r = rank + 1; r < rows.length; r++) {
      if (Math.abs(rows[r]![column]!) > Math.abs(rows[best]![column]!)) best = r;
    }
    if (Math.abs(rows[best]![column]!) < 1e-9) continue;
    [rows[rank], rows[best]] = [rows[best]!, rows[rank]!];
    for (let r = 0; r < rows.length; r++) {
      if (r === rank) continue;
      const factor = rows[r]![column]! / rows[rank]![column]!;
      rows[r] = rows[r]!.map((value, c) => value - factor * rows[rank]![c]!);
    }
    rank++;
  }
  return rank;
}
