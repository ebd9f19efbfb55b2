/**
 * Cross-round differencing (anonymity rule 11). A rater group's figure is a sum over the people who
 * answered. When the same leader's group was released in an earlier round, and its membership has
 * changed by only a few people since, `n₂·mean₂ − n₁·mean₁` is the sum of the joiners (minus the
 * leavers): with one joiner, that is one person's score. The gate cannot see this inside one round,
 * so the decision is taken when a round closes, against every earlier released round of the same
 * leader and group, and stored with the round.
 *
 * The worst case is assumed: everyone invited answered (the product never knows who did), so the
 * sets compared are the invited memberships.
 *
 * A group is withheld when releasing it would let a reader
 * 1. difference it against one earlier released round with a symmetric difference of 1 to k−1
 *    people (joiners and leavers together: "x − y" of two people is as telling as one), or
 * 2. isolate one person through any linear combination of the released rounds and this one
 *    (e.g. {A,B,C}, {A,B,C,D,E,F}, {D,E,F,G}: round 3 minus the difference of rounds 2 and 1 is G,
 *    though every pair differs by 3 or more). This is decided exactly: one person is isolated iff
 *    their unit vector lies in the row space of the membership vectors, which shows in the reduced
 *    row echelon form as a row with a single non-zero entry.
 *
 * A withheld round is not released, so it never counts as "earlier released" for later rounds.
 */

export type DifferencingVerdict =
  | { withheld: false }
  | { withheld: true; reason: 'small_difference' | 'isolates_person' };

export function differencingVerdict(input: {
  k: number;
  /** Who was invited to this group in the round being closed. */
  candidate: readonly string[];
  /** Invited memberships of the same leader's group in earlier rounds that were released. */
  released: readonly (readonly string[])[];
}): DifferencingVerdict {
  const candidate = new Set(input.candidate);
  const released = input.released.map((members) => new Set(members));
  for (const earlier of released) {
    const difference = symmetricDifferenceSize(candidate, earlier);
    if (difference >= 1 && difference < input.k) return { withheld: true, reason: 'small_difference' };
  }
  if (released.length > 0 && isolatesSomeone([...released, candidate])) {
    return { withheld: true, reason: 'isolates_person' };
  }
  return { withheld: false };
}

export function symmetricDifferenceSize(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let size = 0;
  for (const member of a) if (!b.has(member)) size++;
  for (const member of b) if (!a.has(member)) size++;
  return size;
}

/** True when some person's unit vector lies in the row space of the membership vectors. */
export function isolatesSomeone(sets: readonly ReadonlySet<string>[]): boolean {
  const people = [...new Set(sets.flatMap((set) => [...set]))];
  const rows = sets.map((set) => people.map((person) => (set.has(person) ? 1n : 0n)));
  return reducedRowEchelon(rows).some((row) => row.filter((value) => value !== 0n).length === 1);
}

/**
 * Fraction-free Gauss–Jordan elimination over the integers (exact: memberships are 0/1 and the
 * matrices small, so BigInt keeps every step exact). Returns the non-zero rows; each has a pivot
 * column that is zero in every other row, so the support of a row is that of the RREF row.
 */
function reducedRowEchelon(input: readonly (readonly bigint[])[]): bigint[][] {
  const rows = input.map((row) => [...row]);
  const width = rows[0]?.length ?? 0;
  let pivotRow = 0;
  for (let column = 0; column < width && pivotRow < rows.length; column++) {
    const found = rows.findIndex((row, index) => index >= pivotRow && row[column] !== 0n);
    if (found === -1) continue;
    [rows[pivotRow], rows[found]] = [rows[found]!, rows[pivotRow]!];
    const pivot = rows[pivotRow]!;
    for (let index = 0; index < rows.length; index++) {
      if (index === pivotRow || rows[index]![column] === 0n) continue;
      const factor = rows[index]![column]!;
      const pivotValue = pivot[column]!;
      rows[index] = normalise(rows[index]!.map((value, c) => value * pivotValue - pivot[c]! * factor));
    }
    pivotRow++;
  }
  return rows.filter((row) => row.some((value) => value !== 0n));
}

/** Divides a row by the gcd of its entries so numbers stay small. */
function normalise(row: bigint[]): bigint[] {
  let divisor = 0n;
  for (const value of row) divisor = gcd(divisor, value < 0n ? -value : value);
  return divisor > 1n ? row.map((value) => value / divisor) : row;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
