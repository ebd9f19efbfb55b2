import { DomainError } from './errors';
import { questionnaireV1 } from './questionnaire-v1';
import type { Localized, ThesisKey } from './theses';

/** The same statement worded for raters ("my leader ...") and for the leader's self-assessment ("I ..."). */
export interface PerspectiveText {
  other: Localized;
  self: Localized;
}

export type Perspective = keyof PerspectiveText;

export type ItemId = `${ThesisKey}.${number}`;

export interface QuestionnaireItem extends PerspectiveText {
  id: ItemId;
}

export interface QuestionnaireThesis {
  key: ThesisKey;
  title: Localized;
  /** One sentence on what raters judge under this thesis. */
  summary: Localized;
  /** Concrete next steps shown to a leader who wants to improve on this thesis. */
  suggestions: readonly Localized[];
  /** Prompt for the optional free-text comment on this thesis. */
  commentPrompt: PerspectiveText;
  items: readonly QuestionnaireItem[];
}

export interface Questionnaire {
  version: number;
  theses: readonly QuestionnaireThesis[];
  openQuestions: {
    keep: PerspectiveText;
    start: PerspectiveText;
  };
}

export type OpenQuestionKey = keyof Questionnaire['openQuestions'];

/**
 * Every published version stays here forever: a round keeps the version it ran
 * with, so trends remain comparable after wording changes.
 */
const QUESTIONNAIRES: ReadonlyMap<number, Questionnaire> = new Map([
  [questionnaireV1.version, questionnaireV1],
]);

export const QUESTIONNAIRE_VERSIONS: readonly number[] = [...QUESTIONNAIRES.keys()];

export const CURRENT_QUESTIONNAIRE_VERSION = questionnaireV1.version;

export function getQuestionnaire(version: number): Questionnaire {
  const questionnaire = QUESTIONNAIRES.get(version);
  if (!questionnaire) {
    throw new DomainError('unknown_questionnaire_version', `Questionnaire version ${version} does not exist`);
  }
  return questionnaire;
}

export function allItemIds(questionnaire: Questionnaire): ItemId[] {
  return questionnaire.theses.flatMap((thesis) => thesis.items.map((item) => item.id));
}

export function itemThesis(questionnaire: Questionnaire, itemId: string): ThesisKey | undefined {
  return questionnaire.theses.find((thesis) => thesis.items.some((item) => item.id === itemId))?.key;
}

export function findThesis(questionnaire: Questionnaire, key: ThesisKey): QuestionnaireThesis {
  const thesis = questionnaire.theses.find((candidate) => candidate.key === key);
  if (!thesis) {
    throw new DomainError('invalid_input', `Questionnaire ${questionnaire.version} has no thesis ${key}`);
  }
  return thesis;
}
