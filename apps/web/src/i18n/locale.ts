import { isLocale, type Locale } from '@resonance/domain';

export const LOCALE_COOKIE = 'resonance_locale';
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * Picks the first supported language from an Accept-Language header, honouring
 * q-values ("de-CH;q=0.9, en;q=0.8" → de).
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.base && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLocale);
}

/**
 * The cookie first: a choice made with the switch, or the user's saved setting, which login writes
 * there. Then the browser's Accept-Language, then the default.
 */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
