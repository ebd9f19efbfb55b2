import { DomainError } from './errors';
import {
  combinesGroups,
  normalizeAnonymityThreshold,
  type RaterGroupExceptSelf,
  type SmallTeamOptions,
} from './privacy-gate';
import { isIdentifiableGroup, RATER_GROUPS, type RaterGroup } from './rater-groups';
import { isThesisKey, type Locale, type Localized, type ThesisKey } from './theses';

/**
 * Closing the loop (issue 10): after a round a leader picks focus theses and commits to something
 * per thesis; the leader's next round asks the raters, per focus thesis, whether they noticed a
 * change. The answers are stored like any answer (item key `follow-up.<thesis>`, score 1..4, null
 * for "can't judge") and pass the gate below, which applies the same atom rule as the scores.
 */

export const MIN_FOCUS_THESES = 1;
export const MAX_FOCUS_THESES = 3;
export const COMMITMENT_MAX_LENGTH = 500;
export const PROGRESS_NOTE_MAX_LENGTH = 1000;

export const FOCUS_PROGRESS = ['not_started', 'under_way', 'done'] as const;
export type FocusProgress = (typeof FOCUS_PROGRESS)[number];

/** The answers in score order: 1 = worse … 4 = clearly better; "can't judge" is null, as for items. */
export const FOLLOW_UP_ANSWERS = ['worse', 'no_change', 'somewhat_better', 'clearly_better'] as const;
export type FollowUpAnswer = (typeof FOLLOW_UP_ANSWERS)[number];
export const FOLLOW_UP_MAX_SCORE = FOLLOW_UP_ANSWERS.length;

const FOLLOW_UP_PREFIX = 'follow-up.';

export function followUpItemKey(thesis: ThesisKey): string {
  return `${FOLLOW_UP_PREFIX}${thesis}`;
}

/** The thesis a follow-up item key asks about, or null for any other key. */
export function followUpThesis(itemKey: string): ThesisKey | null {
  if (!itemKey.startsWith(FOLLOW_UP_PREFIX)) return null;
  const thesis = itemKey.slice(FOLLOW_UP_PREFIX.length);
  return isThesisKey(thesis) ? thesis : null;
}

export interface FollowUpWording {
  /** `{thesis}` is replaced by the thesis title. */
  question: Localized;
  answers: Record<FollowUpAnswer, Localized>;
  cantJudge: Localized;
}

/**
 * The follow-up wording per questionnaire version: a round asks in the words of the version it
 * runs with, so a later rewording does not change what an earlier round asked.
 */
const FOLLOW_UP_WORDING: ReadonlyMap<number, FollowUpWording> = new Map([
  [
    1,
    {
      question: {
        en: 'Since the last round, have you noticed a change in “{thesis}”?',
        de: 'Haben Sie seit der letzten Runde eine Veränderung bei „{thesis}“ bemerkt?',
      },
      answers: {
        clearly_better: { en: 'Clearly better', de: 'Deutlich besser' },
        somewhat_better: { en: 'Somewhat better', de: 'Etwas besser' },
        no_change: { en: 'No change', de: 'Keine Veränderung' },
        worse: { en: 'Worse', de: 'Schlechter' },
      },
      cantJudge: { en: "Can't judge", de: 'Kann ich nicht beurteilen' },
    },
  ],
]);

export function followUpWording(version: number): FollowUpWording {
  const wording = FOLLOW_UP_WORDING.get(version);
  if (!wording) {
    throw new DomainError('unknown_questionnaire_version', `No follow-up wording for version ${version}`);
  }
  return wording;
}

export function followUpQuestion(version: number, thesisTitle: string, locale: Locale): string {
  return followUpWording(version).question[locale].replace('{thesis}', thesisTitle);
}

/** One rater group's follow-up answers on one focus thesis, as counted at close. */
export interface FollowUpCell {
  /** Answers that judged, i.e. not "can't judge". */
  n: number;
  /** Per score 1..4 (worse, no change, somewhat better, clearly better). */
  counts: readonly number[];
}

export interface FollowUpGroupRollup {
  raterGroup: RaterGroup;
  /** Responses the group gave in the round (each answered every follow-up item, maybe "can't judge"). */
  responseCount: number;
  withheld?: boolean;
  theses: Partial<Record<ThesisKey, FollowUpCell>>;
}

export interface ShownFollowUp {
  status: 'shown';
  /** Raters who judged: the base of every share. */
  n: number;
  /** Of them, clearly or somewhat better. */
  noticed: number;
  counts: Record<FollowUpAnswer, number>;
  /** Answered "can't judge": counted as answered, not as a judgement. */
  cantJudge: number;
}

export type GatedFollowUp = ShownFollowUp | { status: 'insufficient' };

export interface FollowUpThesisResult {
  thesis: ThesisKey;
  /** Everyone except the leader, from the groups whose figure is shown. */
  others: GatedFollowUp;
  groups: { raterGroup: RaterGroupExceptSelf; identifiable: boolean; result: GatedFollowUp }[];
}

function assertCell(group: FollowUpGroupRollup, thesis: string, cell: FollowUpCell): void {
  const valid =
    Number.isInteger(cell.n) &&
    cell.n >= 0 &&
    cell.counts.length === FOLLOW_UP_MAX_SCORE &&
    cell.counts.every((count) => Number.isInteger(count) && count >= 0) &&
    cell.counts.reduce((sum, count) => sum + count, 0) === cell.n &&
    cell.n <= group.responseCount;
  if (!valid) {
    throw new DomainError(
      'invalid_input',
      `Follow-up counts of ${group.raterGroup} on ${thesis} are invalid`,
    );
  }
}

/**
 * The privacy gate for follow-up answers, with the atom rule of the scores: a group's answers on a
 * focus thesis form a usable atom only when the group is not self, not withheld, has at least k
 * responses and at least k of them judged. Every figure is a whole atom or a merge of whole atoms,
 * so no figure minus another isolates fewer than k raters (complement rule), and a group below k
 * is in no figure at all. "Can't judge" counts as answered, never as a judgement: it does not help
 * an atom reach k.
 *
 * In a small-team round whose groups the scores combine (combinesGroups, on the same response
 * counts and withheld verdicts), the follow-up answers are combined the same way: all non-self
 * groups form the one atom, shown when together they gave k responses and k judgements, and no
 * group is shown alone — so the follow-up figure covers exactly the people the combined scores do.
 */
export function gateFollowUp(
  input: {
    k: number;
    theses: readonly ThesisKey[];
    groups: readonly FollowUpGroupRollup[];
  } & SmallTeamOptions,
): FollowUpThesisResult[] {
  const k = normalizeAnonymityThreshold(input.k);
  const seen = new Set<RaterGroup>();
  for (const group of input.groups) {
    if (seen.has(group.raterGroup)) {
      throw new DomainError('invalid_input', `Rater group ${group.raterGroup} appears more than once`);
    }
    seen.add(group.raterGroup);
    if (!Number.isInteger(group.responseCount) || group.responseCount < 0) {
      throw new DomainError('invalid_input', `responseCount of ${group.raterGroup} is invalid`);
    }
    for (const [thesis, cell] of Object.entries(group.theses)) if (cell) assertCell(group, thesis, cell);
  }
  const raters = [...input.groups]
    .filter(
      (group): group is FollowUpGroupRollup & { raterGroup: RaterGroupExceptSelf } =>
        group.raterGroup !== 'self',
    )
    .sort((a, b) => RATER_GROUPS.indexOf(a.raterGroup) - RATER_GROUPS.indexOf(b.raterGroup));
  const combined = combinesGroups({ k, groups: raters, options: input });
  return input.theses.map((thesis) => {
    if (combined) {
      const parts = raters.flatMap((group) => {
        const cell = group.theses[thesis];
        return cell ? [{ cell, responses: group.responseCount }] : [];
      });
      const responses = parts.reduce((total, part) => total + part.responses, 0);
      const judged = parts.reduce((total, part) => total + part.cell.n, 0);
      return {
        thesis,
        others: responses >= k && judged >= k ? shownFollowUp(parts) : { status: 'insufficient' as const },
        groups: raters.map((group) => ({
          raterGroup: group.raterGroup,
          identifiable: isIdentifiableGroup(group.raterGroup),
          result: { status: 'insufficient' as const },
        })),
      };
    }
    const usable = (group: FollowUpGroupRollup) => {
      const cell = group.theses[thesis];
      return !group.withheld && group.responseCount >= k && cell !== undefined && cell.n >= k;
    };
    const shownGroups = raters.filter(usable);
    return {
      thesis,
      others:
        shownGroups.length === 0
          ? { status: 'insufficient' }
          : shownFollowUp(
              shownGroups.map((group) => ({ cell: group.theses[thesis]!, responses: group.responseCount })),
            ),
      groups: raters.map((group) => ({
        raterGroup: group.raterGroup,
        identifiable: isIdentifiableGroup(group.raterGroup),
        result: usable(group)
          ? shownFollowUp([{ cell: group.theses[thesis]!, responses: group.responseCount }])
          : { status: 'insufficient' },
      })),
    };
  });
}

function shownFollowUp(parts: readonly { cell: FollowUpCell; responses: number }[]): ShownFollowUp {
  const totals = [0, 0, 0, 0];
  let n = 0;
  let responses = 0;
  for (const { cell, responses: groupResponses } of parts) {
    n += cell.n;
    responses += groupResponses;
    cell.counts.forEach((count, index) => {
      totals[index]! += count;
    });
  }
  const counts = Object.fromEntries(
    FOLLOW_UP_ANSWERS.map((answer, index) => [answer, totals[index]!]),
  ) as Record<FollowUpAnswer, number>;
  return {
    status: 'shown',
    n,
    noticed: counts.somewhat_better + counts.clearly_better,
    counts,
    cantJudge: responses - n,
  };
}
