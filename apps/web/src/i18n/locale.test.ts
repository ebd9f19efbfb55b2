import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from './locale';

describe('locale', () => {
  it('takes the best supported language from Accept-Language, honouring q-values', () => {
    expect(localeFromAcceptLanguage('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.5,de;q=0.4')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.2, de;q=0.7')).toBe('de');
    expect(localeFromAcceptLanguage('fr, es')).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });

  it('prefers the cookie over the browser, and falls back to English', () => {
    expect(resolveLocale('de', 'en-US')).toBe('de');
    expect(resolveLocale('xx', 'de-DE')).toBe('de');
    expect(resolveLocale(undefined, 'fr')).toBe('en');
  });
});
