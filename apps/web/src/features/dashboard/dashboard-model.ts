import type { GatedStats, LeaderDashboard } from '@resonance/contracts';
import { getQuestionnaire, type Locale, type QuestionnaireThesis, type ThesisKey } from '@resonance/domain';

export type ShownStats = Extract<GatedStats, { status: 'shown' }>;

export function isShown(stats: GatedStats): stats is ShownStats {
  return stats.status === 'shown';
}

/** Thesis texts of the questionnaire version the round ran with, falling back to the current one. */
export function thesisTexts(version: number): Map<ThesisKey, QuestionnaireThesis> {
  let questionnaire: ReturnType<typeof getQuestionnaire>;
  try {
    questionnaire = getQuestionnaire(version);
  } catch {
    questionnaire = getQuestionnaire(1);
  }
  return new Map(questionnaire.theses.map((thesis) => [thesis.key, thesis]));
}

export function thesisTitle(
  texts: Map<ThesisKey, QuestionnaireThesis>,
  key: ThesisKey,
  locale: Locale,
): string {
  return texts.get(key)?.title[locale] ?? key;
}

/** A stable pick, different per round, so a leader sees a fresh idea each round rather than always the first. */
export function suggestionFor(
  texts: Map<ThesisKey, QuestionnaireThesis>,
  key: ThesisKey,
  roundId: string,
  locale: Locale,
): string | undefined {
  const suggestions = texts.get(key)?.suggestions ?? [];
  if (suggestions.length === 0) return undefined;
  let hash = 0;
  for (const char of `${roundId}:${key}`) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return suggestions[hash % suggestions.length]?.[locale];
}

export function previousRound(dashboard: LeaderDashboard) {
  const index = dashboard.rounds.findIndex((round) => round.id === dashboard.round.id);
  return index > 0 ? dashboard.rounds[index - 1] : undefined;
}
