import { DomainError } from './errors';
import { isIdentifiableGroup, RATER_GROUPS, type RaterGroup } from './rater-groups';
import type { RoundState } from './round-state';
import {
  accumulatorStats,
  assertValidAccumulator,
  emptyAccumulator,
  mergeAccumulators,
  type SelfOtherGap,
  selfOtherGap,
  type ThesisAccumulator,
  type ThesisStats,
} from './scoring';
import { THESIS_KEYS, type ThesisKey } from './theses';

/**
 * The privacy gate: every score, count and comment that leaves the system
 * passes through here, and nothing in here trusts the caller to have filtered
 * anything before.
 *
 * Design — figures are unions of "atoms". An atom is one rater group's
 * answers on one thesis (e.g. a leader's direct reports on `dialogue`). An
 * atom is usable only when its group has at least k responses AND at least k
 * of them scored the thesis. Every figure the gate emits — a group's score,
 * the "others" total, a heatmap cell, the organisation average — is the merge
 * of whole usable atoms and of nothing else.
 *
 * Why that enforces the complement rule: when one shown figure's respondents
 * contain another's, the difference is itself a union of whole usable atoms,
 * so it is either empty (the two figures are identical) or holds at least k
 * respondents. A rater in a suppressed group is in no figure at all, so no
 * subtraction can bring them back. Totals therefore never need suppressing
 * on their own: they are exact unions of what is shown. The guarantee also
 * holds across outputs with the same k — a leader's "others" total equals
 * their heatmap cell, and any filter of leaders yields a union of the same
 * atoms as its complement.
 *
 * Figures of different theses are not held against each other: they rest on
 * different items, so subtracting one from the other reveals no answer.
 *
 * Identifiable groups: `self` is the leader's own single response. It never
 * counts as a rater group, never enters a total, and is returned only as the
 * separate `self` score of the leader's own report. `manager` is usually one
 * known person, so it is treated like any other group: shown only if it
 * reaches k on its own (normally it does not), and then flagged
 * identifiable. It is deliberately not folded into "others" when below k —
 * a total that contains one known person next to shown direct-report and
 * peer figures would let the leader subtract that person's answers back out.
 */

export const MIN_ANONYMITY_THRESHOLD = 3;
export const MAX_ANONYMITY_THRESHOLD = 10;
export const DEFAULT_ANONYMITY_THRESHOLD = 3;

/**
 * Coerces any stored or requested k into 3..10. Rounding up keeps a fractional
 * setting on the safe side; every gate function applies this itself, so a
 * caller passing k = 1 cannot weaken the gate.
 */
export function normalizeAnonymityThreshold(k?: number | null): number {
  if (k === undefined || k === null || Number.isNaN(k)) return DEFAULT_ANONYMITY_THRESHOLD;
  return Math.min(MAX_ANONYMITY_THRESHOLD, Math.max(MIN_ANONYMITY_THRESHOLD, Math.ceil(k)));
}

/**
 * A figure that passed the gate. Its exact n is part of it: counts of k or more are shown openly
 * (the usual practice, and honest: shares of a known band gave the exact n away anyway). What keeps
 * a small group hidden is that it produces no figure at all.
 */
/**
 * The k a round's figures use (rule 9): the k it promised when it opened, or the organisation's
 * current k if that is larger. Lowering the organisation's k never shows more of a round that ran.
 */
export function effectiveThreshold(roundThreshold: number | null, organisationThreshold: number): number {
  return normalizeAnonymityThreshold(Math.max(roundThreshold ?? 0, organisationThreshold));
}

export interface ShownStats extends ThesisStats {
  status: 'shown';
}

/** Deliberately carries nothing but the status: no mean, count, distribution, share or rate. */
export interface InsufficientStats {
  status: 'insufficient';
}

export type GatedStats = ShownStats | InsufficientStats;

/** One atom candidate: a rater group's accumulated answers on one thesis. */
export interface GroupThesisCell {
  /** Identifies the group within one gate call, e.g. the rater group or `${leaderId}:${raterGroup}`. */
  groupKey: string;
  raterGroup: RaterGroup;
  /** Responses the group submitted in the round, whether or not they scored this thesis. */
  responseCount: number;
  thesis: ThesisKey;
  acc: ThesisAccumulator;
  /**
   * The group is withheld this round whatever its counts: its membership differs from an earlier
   * released round of the same leader by fewer than k people, so the two could be differenced.
   */
  withheld?: boolean;
}

function insufficient(): InsufficientStats {
  return { status: 'insufficient' };
}

function shown(acc: ThesisAccumulator): ShownStats {
  return { status: 'shown', ...accumulatorStats(acc) };
}

function assertCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainError('invalid_input', `${what} must be a non-negative integer, got ${value}`);
  }
}

function assertValidCell(cell: GroupThesisCell): void {
  assertCount(cell.responseCount, `responseCount of ${cell.groupKey}`);
  assertValidAccumulator(cell.acc);
  if (cell.acc.n > cell.responseCount) {
    throw new DomainError(
      'invalid_input',
      `${cell.groupKey} has ${cell.acc.n} scores on ${cell.thesis} but only ${cell.responseCount} responses`,
    );
  }
  if (cell.raterGroup === 'self' && cell.responseCount > 1) {
    throw new DomainError('invalid_input', 'A leader submits at most one self-assessment per round');
  }
}

/** The atom rule. `self` is never an atom, whatever its counts; a withheld group is none either. */
function isUsableAtom(cell: GroupThesisCell, k: number): boolean {
  return cell.raterGroup !== 'self' && !cell.withheld && cell.responseCount >= k && cell.acc.n >= k;
}

function assertUniqueKeys(keys: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw new DomainError('invalid_input', `${what} ${key} appears more than once`);
    seen.add(key);
  }
}

/** A single group's figure on one thesis. */
export function gateCell(cell: GroupThesisCell, k: number): GatedStats {
  assertValidCell(cell);
  return isUsableAtom(cell, normalizeAnonymityThreshold(k)) ? shown(cell.acc) : insufficient();
}

/** Merge of the usable atoms among `cells`, or null when there is none. Cells must be validated. */
function mergeUsableAtoms(cells: readonly GroupThesisCell[], k: number): ThesisAccumulator | null {
  const usable = cells.filter((cell) => isUsableAtom(cell, k));
  return usable.length === 0 ? null : mergeAccumulators(usable.map((cell) => cell.acc));
}

/**
 * Total of several groups on one thesis, built only from groups that are
 * shown on their own; suppressed groups and `self` are left out entirely.
 */
export function gateTotal(cells: readonly GroupThesisCell[], k: number): GatedStats {
  const threshold = normalizeAnonymityThreshold(k);
  for (const cell of cells) assertValidCell(cell);
  if (new Set(cells.map((cell) => cell.thesis)).size > 1) {
    throw new DomainError('invalid_input', 'A total combines cells of one thesis only');
  }
  assertUniqueKeys(
    cells.map((cell) => cell.groupKey),
    'Group',
  );
  const merged = mergeUsableAtoms(cells, threshold);
  return merged ? shown(merged) : insufficient();
}

export interface GatedCell {
  groupKey: string;
  raterGroup: RaterGroup;
  thesis: ThesisKey;
  identifiable: boolean;
  stats: GatedStats;
}

export interface PrivacyGateResult {
  k: number;
  cells: GatedCell[];
  /** Per thesis, the "others" total over every non-self group shown on that thesis. */
  totals: Record<ThesisKey, GatedStats>;
}

/** The gate over arbitrary group × thesis cells; the functions below are shaped for the API's screens. */
export function privacyGate(input: { k: number; cells: readonly GroupThesisCell[] }): PrivacyGateResult {
  const k = normalizeAnonymityThreshold(input.k);
  for (const cell of input.cells) assertValidCell(cell);
  assertUniqueKeys(
    input.cells.map((cell) => `${cell.groupKey} / ${cell.thesis}`),
    'Cell',
  );
  const cells = input.cells.map((cell) => ({
    groupKey: cell.groupKey,
    raterGroup: cell.raterGroup,
    thesis: cell.thesis,
    identifiable: isIdentifiableGroup(cell.raterGroup),
    stats: isUsableAtom(cell, k) ? shown(cell.acc) : insufficient(),
  }));
  const totals = perThesis((thesis) => {
    const merged = mergeUsableAtoms(
      input.cells.filter((cell) => cell.thesis === thesis),
      k,
    );
    return merged ? shown(merged) : insufficient();
  });
  return { k, cells, totals };
}

function perThesis<T>(build: (thesis: ThesisKey) => T): Record<ThesisKey, T> {
  return Object.fromEntries(THESIS_KEYS.map((thesis) => [thesis, build(thesis)])) as Record<ThesisKey, T>;
}

/** One rater group's stored rollup for a leader in a round. */
export interface RaterGroupRollup {
  raterGroup: RaterGroup;
  responseCount: number;
  theses: Partial<Record<ThesisKey, ThesisAccumulator>>;
  /** See GroupThesisCell.withheld. */
  withheld?: boolean;
}

/** The rollup as one validated cell per thesis; a thesis nobody scored is an empty cell. */
function rollupCells(groupKey: string, rollup: RaterGroupRollup): Record<ThesisKey, GroupThesisCell> {
  assertCount(rollup.responseCount, `responseCount of ${groupKey}`);
  const unknown = Object.keys(rollup.theses).filter(
    (key) => !(THESIS_KEYS as readonly string[]).includes(key),
  );
  if (unknown.length > 0) throw new DomainError('invalid_input', `Unknown theses: ${unknown.join(', ')}`);
  return perThesis((thesis) => {
    const cell: GroupThesisCell = {
      groupKey,
      raterGroup: rollup.raterGroup,
      responseCount: rollup.responseCount,
      thesis,
      acc: rollup.theses[thesis] ?? emptyAccumulator(),
      withheld: rollup.withheld === true,
    };
    assertValidCell(cell);
    return cell;
  });
}

export type GatedResponseCount = { status: 'shown'; count: number } | InsufficientStats;

export type RaterGroupExceptSelf = Exclude<RaterGroup, 'self'>;

export interface GatedRaterGroup {
  raterGroup: RaterGroupExceptSelf;
  identifiable: boolean;
  /** How many responses the group gave, only once it reaches k and is not withheld. */
  responses: GatedResponseCount;
  /** Why a group with enough responses is still hidden this round. */
  withheld: boolean;
}

export interface GatedGroupStats {
  raterGroup: RaterGroupExceptSelf;
  identifiable: boolean;
  stats: GatedStats;
}

/** The leader's own rating: exactly one known person, so always identifiable. */
export interface SelfScore {
  raterGroup: 'self';
  identifiable: true;
  score: number;
}

export interface LeaderThesisResult {
  /** Every non-self group of the round, in canonical order, shown or insufficient. */
  groups: GatedGroupStats[];
  /** Everyone except the leader, from the groups shown on this thesis. */
  others: GatedStats;
  self: SelfScore | null;
  /** Present only when both the self score and the others total are shown. */
  selfOtherGap: SelfOtherGap | null;
}

export interface LeaderRoundResult {
  k: number;
  /**
   * Small-team mode combined the leader's groups: every `others` figure is the "all raters" figure,
   * and no group has a figure or a count of its own (see combinesGroups).
   */
  combinedGroups: boolean;
  groups: GatedRaterGroup[];
  theses: Record<ThesisKey, LeaderThesisResult>;
}

/** How a leader's round is gated in small-team mode; both are fixed per round (see combinesGroups). */
export interface SmallTeamOptions {
  /** The mode the round opened with; off unless the organisation enabled it before the round opened. */
  smallTeamMode?: boolean;
  /**
   * The k the round promised when it opened (rounds.anonymity_threshold): the lowest k its results
   * are ever gated with, since later reads use the larger of it and the organisation's k. Defaults to k.
   */
  roundK?: number | null;
}

/**
 * Small-team mode (organisation setting, fixed per round when it opens). A leader whose rater
 * groups are each too small gets one "all raters" figure per thesis instead of nothing. The rule:
 *
 * 1. It applies only when NO non-self group has as many responses as the round's promised k
 *    (`roundK`, the lowest k the round is ever gated with). If one group does, the normal rule
 *    applies and the others stay hidden: combining next to a shown group would let the reader
 *    subtract that group and get the rest. Judging against the promised k rather than the k of this
 *    read matters: a round that showed its direct reports alone at k = 3 must not show a combined
 *    figure when the organisation later raises k to 5, or combined minus direct reports = the rest.
 * 2. Then every non-self group of that leader and round is combined (direct reports, peers and the
 *    manager); the self-assessment never joins. A thesis' combined figure is shown when the
 *    combined groups gave at least k responses and at least k of them scored the thesis — the atom
 *    rule, with the combination as the one atom.
 * 3. No group figure and no group count is shown for that leader in that round, at any k: by (1)
 *    none reaches k on its own. So the combined figure is the only figure over these people, and
 *    nothing can be subtracted from it.
 * 4. If any group is withheld (cross-round differencing, see differencing.ts), nothing is
 *    combined: the withheld verdict says that group's people can be singled out against an earlier
 *    released figure, and hiding them inside a combination does not undo that when the other groups
 *    are the same people as before. The close also withholds the groups when the combination's
 *    own membership could be differenced against the leader's earlier released figures.
 * 5. Only within one round. Responses of different rounds may come from the same people, and the
 *    product cannot know how many distinct people answered, so pooling rounds is never offered.
 *
 * The organisation benchmark and the heatmap never use combined figures: gateHeatmap and
 * gateOrgBenchmarkAccumulators merge usable group atoms only, and by (1) such a leader has none.
 */
export function combinesGroups(input: {
  k: number;
  groups: readonly { raterGroup: RaterGroup; responseCount: number; withheld?: boolean }[];
  options?: SmallTeamOptions | undefined;
}): boolean {
  if (input.options?.smallTeamMode !== true) return false;
  const k = normalizeAnonymityThreshold(input.k);
  // Never above this read's k: a caller passing a larger roundK must not loosen rule (1).
  const lowestK = Math.min(k, normalizeAnonymityThreshold(input.options.roundK ?? k));
  const raters = input.groups.filter((group) => group.raterGroup !== 'self');
  for (const group of raters) assertCount(group.responseCount, `responseCount of ${group.raterGroup}`);
  if (raters.some((group) => group.withheld === true || group.responseCount >= lowestK)) return false;
  return raters.reduce((total, group) => total + group.responseCount, 0) >= k;
}

function isRaterExceptSelf(group: RaterGroup): group is RaterGroupExceptSelf {
  return group !== 'self';
}

/**
 * A leader's results for one closed round. `includeSelf` defaults to true
 * because the leader's report is the main reader; pass false for anyone
 * else, since the self-assessment is the leader's personal data.
 */
export function gateLeaderRound(
  input: {
    k: number;
    groups: readonly RaterGroupRollup[];
    includeSelf?: boolean;
  } & SmallTeamOptions,
): LeaderRoundResult {
  const k = normalizeAnonymityThreshold(input.k);
  assertUniqueKeys(
    input.groups.map((group) => group.raterGroup),
    'Rater group',
  );
  const rollups = [...input.groups]
    .sort((a, b) => RATER_GROUPS.indexOf(a.raterGroup) - RATER_GROUPS.indexOf(b.raterGroup))
    .map((rollup) => ({ rollup, cells: rollupCells(rollup.raterGroup, rollup) }));
  const raters = rollups.flatMap(({ rollup, cells }) =>
    isRaterExceptSelf(rollup.raterGroup) ? [{ raterGroup: rollup.raterGroup, rollup, cells }] : [],
  );
  const selfRollup =
    input.includeSelf === false ? undefined : rollups.find((r) => r.rollup.raterGroup === 'self');

  const combinedGroups = combinesGroups({ k, groups: input.groups, options: input });
  const combinedResponses = raters.reduce((total, { rollup }) => total + rollup.responseCount, 0);

  const groups: GatedRaterGroup[] = raters.map(({ raterGroup, rollup }) => ({
    raterGroup,
    identifiable: isIdentifiableGroup(raterGroup),
    responses:
      !combinedGroups && rollup.responseCount >= k && !rollup.withheld
        ? { status: 'shown', count: rollup.responseCount }
        : insufficient(),
    withheld: rollup.withheld === true,
  }));

  const theses = perThesis((thesis): LeaderThesisResult => {
    let merged: ThesisAccumulator | null;
    if (combinedGroups) {
      const combined = mergeAccumulators(raters.map(({ cells }) => cells[thesis].acc));
      merged = combinedResponses >= k && combined.n >= k ? combined : null;
    } else {
      merged = mergeUsableAtoms(
        raters.map(({ cells }) => cells[thesis]),
        k,
      );
    }
    const others = merged ? shown(merged) : insufficient();
    const selfAcc = selfRollup?.cells[thesis].acc;
    const self: SelfScore | null =
      selfAcc && selfAcc.n > 0
        ? { raterGroup: 'self', identifiable: true, score: selfAcc.sum / selfAcc.n }
        : null;
    return {
      groups: raters.map(({ raterGroup, cells }) => ({
        raterGroup,
        identifiable: isIdentifiableGroup(raterGroup),
        stats: !combinedGroups && isUsableAtom(cells[thesis], k) ? shown(cells[thesis].acc) : insufficient(),
      })),
      others,
      self,
      selfOtherGap: self && others.status === 'shown' ? selfOtherGap(self.score, others.mean) : null,
    };
  });

  return { k, combinedGroups, groups, theses };
}

/** One rater group of one leader, as stored after a round closes. */
export interface LeaderGroupRollup extends RaterGroupRollup {
  leaderId: string;
}

export interface HeatmapRow {
  leaderId: string;
  theses: Record<ThesisKey, GatedStats>;
}

export interface HeatmapResult {
  k: number;
  leaders: HeatmapRow[];
  orgAverage: Record<ThesisKey, GatedStats>;
}

export interface OrgGateInput {
  k: number;
  cells: readonly LeaderGroupRollup[];
  /**
   * Fewest shown leaders an organisation average needs (default 1). With a
   * single leader the average is that leader's own figure; raise this where
   * leaders see the benchmark and should not learn a colleague's result.
   */
  minLeaders?: number;
}

/**
 * Leaders × theses for admins. Each cell is the leader's "others" figure —
 * their non-self groups that pass k, exactly as in gateLeaderRound without
 * small-team mode — and the organisation average merges only shown cells.
 * Combined small-team figures never appear here: a leader whose groups were
 * combined has no usable atom, so their row is insufficient throughout and
 * adds nothing to the average. Leaders keep the order of their first
 * appearance in `cells`.
 */
export function gateHeatmap(input: OrgGateInput): HeatmapResult {
  const { k, minLeaders, othersByLeader } = leaderOthers(input);
  const leaders = othersByLeader.map(({ leaderId, others }) => ({
    leaderId,
    theses: perThesis((thesis): GatedStats => {
      const acc = others[thesis];
      return acc ? shown(acc) : insufficient();
    }),
  }));
  const orgAverage = perThesis((thesis) =>
    storedBenchmarkStats(mergeShownLeaders(othersByLeader, thesis, minLeaders)),
  );
  return { k, leaders, orgAverage };
}

/** The organisation average per thesis that leaders compare themselves with. */
export function gateOrgBenchmark(input: OrgGateInput): Record<ThesisKey, GatedStats> {
  return perThesis((thesis) => storedBenchmarkStats(gateOrgBenchmarkAccumulators(input)[thesis]));
}

/**
 * The same benchmark as mergeable sums, for storing: per thesis the merge of the shown leaders'
 * "others" accumulators, or null where fewer than `minLeaders` leaders are shown.
 */
export function gateOrgBenchmarkAccumulators(
  input: OrgGateInput,
): Record<ThesisKey, ThesisAccumulator | null> {
  const { minLeaders, othersByLeader } = leaderOthers(input);
  return perThesis((thesis) => mergeShownLeaders(othersByLeader, thesis, minLeaders));
}

/** Per leader and thesis the "others" accumulator (usable atoms only), as in gateLeaderRound. */
function leaderOthers(input: OrgGateInput) {
  const k = normalizeAnonymityThreshold(input.k);
  const minLeaders = Math.max(1, Math.ceil(input.minLeaders ?? 1));
  assertUniqueKeys(
    input.cells.map((rollup) => `${rollup.leaderId} / ${rollup.raterGroup}`),
    'Leader group',
  );
  const cellsByLeader = new Map<string, Record<ThesisKey, GroupThesisCell>[]>();
  for (const rollup of input.cells) {
    const cells = rollupCells(`${rollup.leaderId}:${rollup.raterGroup}`, rollup);
    cellsByLeader.set(rollup.leaderId, [...(cellsByLeader.get(rollup.leaderId) ?? []), cells]);
  }
  const othersByLeader = [...cellsByLeader].map(([leaderId, groups]) => ({
    leaderId,
    others: perThesis((thesis) =>
      mergeUsableAtoms(
        groups.map((cells) => cells[thesis]),
        k,
      ),
    ),
  }));
  return { k, minLeaders, othersByLeader };
}

/** The organisation average merges only shown leader figures, and needs `minLeaders` of them. */
function mergeShownLeaders(
  othersByLeader: readonly { others: Record<ThesisKey, ThesisAccumulator | null> }[],
  thesis: ThesisKey,
  minLeaders: number,
): ThesisAccumulator | null {
  const shownCells = othersByLeader.flatMap(({ others }) => (others[thesis] ? [others[thesis]] : []));
  return shownCells.length >= minLeaders ? mergeAccumulators(shownCells) : null;
}

/** A benchmark accumulator that gateOrgBenchmarkAccumulators produced (and was stored) as a figure. */
export function storedBenchmarkStats(acc: ThesisAccumulator | null): GatedStats {
  return acc && acc.n > 0 ? shown(acc) : insufficient();
}

export interface RaterComment {
  thesis: ThesisKey | null;
  text: string;
}

/**
 * Comments for release: nothing below k responses; otherwise trimmed, blank
 * ones dropped, reduced to thesis and text (no response id, score or group
 * that could tie a comment to its author) and shuffled so their order says
 * nothing about submission order. `random` returns numbers in [0, 1); it is
 * injected so tests are deterministic.
 */
export function gateComments(
  comments: readonly RaterComment[],
  responseCount: number,
  k: number,
  random: () => number,
): RaterComment[] {
  assertCount(responseCount, 'responseCount');
  if (responseCount < normalizeAnonymityThreshold(k)) return [];
  const detached = comments
    .map((comment) => ({ thesis: comment.thesis, text: comment.text.trim() }))
    .filter((comment) => comment.text !== '');
  return shuffle(detached, random);
}

/**
 * Comments on a leader: pooled from the non-self groups that reach k on their
 * own, released only if the pool reaches k too. Comments of a suppressed
 * group are never shown, not even mixed into the pool. When small-team mode
 * combines the groups (combinesGroups), the pool is every non-self group, and
 * it is released only because the combined responses reach k.
 */
export function gateLeaderComments(
  input: {
    k: number;
    groups: readonly {
      raterGroup: RaterGroup;
      responseCount: number;
      withheld?: boolean;
      comments: readonly RaterComment[];
    }[];
    random: () => number;
  } & SmallTeamOptions,
): RaterComment[] {
  const k = normalizeAnonymityThreshold(input.k);
  const combined = combinesGroups({ k, groups: input.groups, options: input });
  const released = input.groups.filter((group) => {
    assertCount(group.responseCount, `responseCount of ${group.raterGroup}`);
    if (group.raterGroup === 'self') return false;
    return combined || (!group.withheld && group.responseCount >= k);
  });
  const pooledResponses = released.reduce((total, group) => total + group.responseCount, 0);
  return gateComments(
    released.flatMap((group) => group.comments),
    pooledResponses,
    k,
    input.random,
  );
}

/** Fisher–Yates on a copy, with an injected source of randomness. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const draw = random();
    if (!(draw >= 0 && draw < 1))
      throw new DomainError('invalid_input', 'random() must return a number in [0, 1)');
    const swapWith = Math.floor(draw * (index + 1));
    [result[index], result[swapWith]] = [result[swapWith]!, result[index]!];
  }
  return result;
}

export type GatedParticipation =
  | { status: 'shown'; invited: number; answered: number; rate: number }
  | InsufficientStats;

/**
 * Participation for admins. Below k answers even the rate is withheld: "1 of
 * 4 answered" next to a small team tells too much. Leaders never get this.
 */
export function gateParticipation(invited: number, answered: number, k: number): GatedParticipation {
  assertCount(invited, 'invited');
  assertCount(answered, 'answered');
  if (answered > invited) throw new DomainError('invalid_input', 'More answers than invitations');
  if (answered < normalizeAnonymityThreshold(k)) return insufficient();
  return { status: 'shown', invited, answered, rate: answered / invited };
}

/**
 * Participation per unit (e.g. per leader) plus a total built only from the
 * units that are shown, so a suppressed unit cannot be recovered as
 * "total minus the rest".
 */
export function gateParticipationBreakdown<Key extends string>(input: {
  k: number;
  units: readonly { key: Key; invited: number; answered: number }[];
}): { units: { key: Key; participation: GatedParticipation }[]; total: GatedParticipation } {
  assertUniqueKeys(
    input.units.map((unit) => unit.key),
    'Unit',
  );
  const units = input.units.map((unit) => ({
    key: unit.key,
    participation: gateParticipation(unit.invited, unit.answered, input.k),
  }));
  let invited = 0;
  let answered = 0;
  for (const { participation } of units) {
    if (participation.status === 'shown') {
      invited += participation.invited;
      answered += participation.answered;
    }
  }
  return { units, total: gateParticipation(invited, answered, input.k) };
}

const RELEASED_STATES: readonly RoundState[] = ['closed', 'archived'];

/** Results exist for readers only after a round closes; nothing updates response by response. */
export function resultsVisible(state: RoundState): boolean {
  return RELEASED_STATES.includes(state);
}

export function assertResultsReleased(state: RoundState): void {
  if (!resultsVisible(state)) {
    throw new DomainError(
      'results_not_released',
      `Results are released when the round closes; it is ${state}`,
    );
  }
}
