/**
 * The nine theses of "leading like an influencer". The keys are stable: they
 * appear in URLs, stored data and exports, so they are never renamed.
 */
export const THESIS_KEYS = [
  'visibility',
  'values',
  'presence',
  'reliability',
  'channels',
  'dialogue',
  'humanity',
  'criticism',
  'renewal',
] as const;

export type ThesisKey = (typeof THESIS_KEYS)[number];

export function isThesisKey(value: unknown): value is ThesisKey {
  return typeof value === 'string' && (THESIS_KEYS as readonly string[]).includes(value);
}

export const LOCALES = ['de', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A text in every supported language; the type forces translations to stay complete. */
export type Localized = Record<Locale, string>;
