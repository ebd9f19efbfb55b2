/**
 * Did a thesis score change between two rounds, beyond what chance would explain? Welch's
 * two-sample t-test on the rounds' summaries (n, mean, standard deviation — all a rollup keeps),
 * two-sided, at 5 %. Welch rather than Student because the spread of a team's answers often
 * differs between rounds; rather than "the 95 % intervals do not overlap", which is a test at about
 * p < 0.005 and misses most real changes of small teams.
 *
 * The rounds' raters are largely the same people, so the samples are not independent. The product
 * cannot pair answers (they are anonymous by design); with the positive correlation that repeated
 * raters bring, treating the samples as independent overstates the variance of the difference, so
 * the test errs towards "no clear change", never towards a false alarm from the pairing.
 */
export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number;
}

export type ChangeTest =
  | { testable: false; reason: 'too_few' | 'no_spread' }
  | { testable: true; t: number; df: number; pValue: number; significant: boolean };

export const CHANGE_TEST_ALPHA = 0.05;

export function welchChangeTest(current: SampleSummary, previous: SampleSummary): ChangeTest {
  if (current.n < 2 || previous.n < 2) return { testable: false, reason: 'too_few' };
  const currentVar = (current.sd * current.sd) / current.n;
  const previousVar = (previous.sd * previous.sd) / previous.n;
  const standardError = Math.sqrt(currentVar + previousVar);
  // Both rounds answered unanimously: there is no spread to judge chance against, so no claim.
  if (!(standardError > 1e-12)) return { testable: false, reason: 'no_spread' };
  const t = (current.mean - previous.mean) / standardError;
  const df =
    (currentVar + previousVar) ** 2 /
    (currentVar ** 2 / (current.n - 1) + previousVar ** 2 / (previous.n - 1));
  const pValue = studentTTwoSidedP(t, df);
  return { testable: true, t, df, pValue, significant: pValue < CHANGE_TEST_ALPHA };
}

/** P(|T| ≥ |t|) for Student's t with `df` (not necessarily whole) degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** I_x(a, b) by its continued fraction (modified Lentz), as in Numerical Recipes §6.4. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let step = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + step * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + step / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    result *= d * c;
    step = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + step * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + step / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    result *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return result;
}

/** ln Γ(z) for z > 0, Lanczos approximation (g = 7, 9 terms): about 15 significant digits. */
function logGamma(z: number): number {
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const shifted = z - 1;
  let sum = coefficients[0]!;
  for (let i = 1; i < coefficients.length; i++) sum += coefficients[i]! / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}
