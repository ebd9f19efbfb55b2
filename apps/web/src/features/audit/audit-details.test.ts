import { describe, expect, it } from 'vitest';
import { auditDetailLines } from './audit-details';

describe('auditDetailLines', () => {
  it('reads a stored change { from, to } as an arrow', () => {
    expect(auditDetailLines({ anonymityThreshold: { from: 5, to: 3 } })).toEqual([
      { key: 'anonymityThreshold', value: '5 → 3' },
    ]);
  });

  it('keeps the stored order and writes lists, booleans and missing values plainly', () => {
    expect(
      auditDetailLines({ name: 'Spring', leaderIds: ['a', 'b'], schedule: true, closesAt: null, tags: [] }),
    ).toEqual([
      { key: 'name', value: 'Spring' },
      { key: 'leaderIds', value: 'a, b' },
      { key: 'schedule', value: 'true' },
      { key: 'closesAt', value: '–' },
      { key: 'tags', value: '–' },
    ]);
  });

  it('flattens nested objects into one line', () => {
    expect(auditDetailLines({ counts: { created: 5, updated: 0 } })).toEqual([
      { key: 'counts', value: 'created: 5; updated: 0' },
    ]);
  });

  it('shortens long values so a table cell stays readable', () => {
    const [line] = auditDetailLines({ note: 'x'.repeat(200) });
    expect(line!.value).toHaveLength(80);
    expect(line!.value.endsWith('…')).toBe(true);
  });

  it('writes stored timestamps with the page’s own date format, changes included', () => {
    const dateTime = (iso: string) => `<${iso.slice(0, 10)}>`;
    expect(
      auditDetailLines(
        {
          opensAt: '2026-12-01T09:00:00.000Z',
          closesAt: { from: '2026-12-08T09:00:00Z', to: '2026-12-09T09:00:00Z' },
        },
        { dateTime },
      ),
    ).toEqual([
      { key: 'opensAt', value: '<2026-12-01>' },
      { key: 'closesAt', value: '<2026-12-08> → <2026-12-09>' },
    ]);
  });

  it('gives nothing for empty details', () => {
    expect(auditDetailLines({})).toEqual([]);
  });
});
