import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from './errors';
import {
  allItemIds,
  CURRENT_QUESTIONNAIRE_VERSION,
  getQuestionnaire,
  itemThesis,
  type PerspectiveText,
  QUESTIONNAIRE_VERSIONS,
} from './questionnaire';
import { questionnaireV1 } from './questionnaire-v1';
import { CANT_JUDGE_LABEL, SCALE, SCALE_LABELS } from './scale';
import { LOCALES, type Localized, THESIS_KEYS } from './theses';

const domainError = (code: DomainErrorCode) => expect.objectContaining({ name: 'DomainError', code });

function everyText(): Localized[] {
  const perspectives = (text: PerspectiveText) => [text.other, text.self];
  return [
    ...questionnaireV1.theses.flatMap((thesis) => [
      thesis.title,
      thesis.summary,
      ...thesis.suggestions,
      ...perspectives(thesis.commentPrompt),
      ...thesis.items.flatMap(perspectives),
    ]),
    ...perspectives(questionnaireV1.openQuestions.keep),
    ...perspectives(questionnaireV1.openQuestions.start),
  ];
}

describe('questionnaire version 1', () => {
  it('covers the nine theses in their canonical order', () => {
    expect(questionnaireV1.theses.map((thesis) => thesis.key)).toEqual([...THESIS_KEYS]);
  });

  it('has exactly three items per thesis, numbered <thesis>.1 to <thesis>.3', () => {
    for (const thesis of questionnaireV1.theses) {
      expect(thesis.items.map((item) => item.id)).toEqual([1, 2, 3].map((n) => `${thesis.key}.${n}`));
    }
  });

  it('uses every item id only once', () => {
    const ids = allItemIds(questionnaireV1);
    expect(ids).toHaveLength(27);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers two or three improvement suggestions per thesis', () => {
    for (const thesis of questionnaireV1.theses) {
      expect(thesis.suggestions.length).toBeGreaterThanOrEqual(2);
      expect(thesis.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it('has a non-empty text in every language for every string', () => {
    const texts = everyText();
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      for (const locale of LOCALES) {
        expect(text[locale].trim(), JSON.stringify(text)).not.toBe('');
      }
    }
  });

  it('words rater items about the leader and self items in the first person', () => {
    for (const item of questionnaireV1.theses.flatMap((thesis) => thesis.items)) {
      expect(`${item.other.en} ${item.other.de}`).toMatch(/leader/i);
      expect(item.other.de).toMatch(/Führungskraft/);
      expect(item.self.en).toMatch(/\b(I|my|me)\b/i);
      expect(item.self.de).toMatch(/\b(ich|mein\w*|mir|mich)\b/i);
      expect(item.self.en).not.toMatch(/my leader/i);
    }
  });

  it('never repeats a text between theses or perspectives', () => {
    const english = everyText().map((text) => text.en);
    const repeated = english.filter((text, index) => english.indexOf(text) !== index);
    expect(repeated).toEqual([]);
  });
});

describe('questionnaire lookup', () => {
  it('returns the current version by number', () => {
    expect(CURRENT_QUESTIONNAIRE_VERSION).toBe(1);
    expect(QUESTIONNAIRE_VERSIONS).toContain(1);
    expect(getQuestionnaire(1)).toBe(questionnaireV1);
  });

  it('rejects an unknown version with a typed error', () => {
    expect(() => getQuestionnaire(99)).toThrow(domainError('unknown_questionnaire_version'));
  });

  it('maps an item id to its thesis and an unknown id to undefined', () => {
    expect(itemThesis(questionnaireV1, 'criticism.2')).toBe('criticism');
    expect(itemThesis(questionnaireV1, 'criticism.4')).toBeUndefined();
  });
});

describe('answer scale', () => {
  it('labels every point from 1 to 5 and the "can\'t judge" option', () => {
    const points = Object.keys(SCALE_LABELS).map(Number);
    expect(points).toEqual([1, 2, 3, 4, 5]);
    expect(Math.min(...points)).toBe(SCALE.min);
    expect(Math.max(...points)).toBe(SCALE.max);
    expect(CANT_JUDGE_LABEL.de).toBe('Kann ich nicht beurteilen');
  });
});
