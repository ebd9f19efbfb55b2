import { describe, expect, it } from 'vitest';
import de from '../../messages/de.json';
import en from '../../messages/en.json';

function keys(messages: unknown, prefix = ''): string[] {
  if (typeof messages !== 'object' || messages === null) return [prefix];
  return Object.entries(messages).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]!).sort();
}

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

describe('messages', () => {
  it('has the same keys in German and English', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of keys(en)) {
      const english = lookup(en, key);
      const german = lookup(de, key);
      expect(typeof german, key).toBe('string');
      expect(placeholders(german as string), key).toEqual(placeholders(english as string));
    }
  });

  it('has no empty texts', () => {
    for (const key of keys(en)) {
      expect((lookup(en, key) as string).trim(), key).not.toBe('');
      expect((lookup(de, key) as string).trim(), key).not.toBe('');
    }
  });
});
