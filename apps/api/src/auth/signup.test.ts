import { describe, expect, it } from 'vitest';
import { slugify } from './signup';

describe('organisation slugs', () => {
  it.each([
    ['Nordlicht Logistik GmbH', 'nordlicht-logistik-gmbh'],
    ['Müller & Söhne', 'muller-sohne'],
    ['Straße der Einheit e.V.', 'strasse-der-einheit-e-v'],
    ['  --ACME--  ', 'acme'],
    ['日本', 'organisation'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('stays short and never ends with a dash', () => {
    const slug = slugify(`${'a'.repeat(47)} b`);
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug.endsWith('-')).toBe(false);
  });
});
