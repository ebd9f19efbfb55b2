import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './preferred-locale';

describe('localeFromAcceptLanguage', () => {
  it('picks the supported language with the highest quality', () => {
    expect(localeFromAcceptLanguage('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.4, de;q=0.6')).toBe('de');
  });

  it('returns nothing for absent, unsupported or refused languages', () => {
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined();
    expect(localeFromAcceptLanguage('fr, it')).toBeUndefined();
    expect(localeFromAcceptLanguage('de;q=0')).toBeUndefined();
  });
});
