import { describe, expect, it } from 'vitest';
import { csvField } from './export-round-csv';

describe('csvField', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Müller, Anna')).toBe('"Müller, Anna"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('|calc')).toBe("'|calc");
    expect(csvField('＝1+1')).toBe("'＝1+1");
    expect(csvField('＋1')).toBe("'＋1");
    expect(csvField('\n=cmd')).toBe('"\'\n=cmd"');
    expect(csvField(' \u3000@x')).toBe("' \u3000@x");
  });

  it('leaves plain numbers, also negative ones, as numbers', () => {
    expect(csvField('-0.35')).toBe('-0.35');
    expect(csvField('4.2')).toBe('4.2');
    expect(csvField('-2')).toBe('-2');
  });
});
