import { describe, expect, it } from 'vitest';
import { changedFields } from './changed-fields';

describe('changedFields', () => {
  it('lists only the fields whose value changed, with old and new value', () => {
    expect(
      changedFields(
        { name: 'A', k: 3, active: true, managerId: null },
        { name: 'A', k: 5, active: false, managerId: 'm-1' },
      ),
    ).toEqual({
      k: { from: 3, to: 5 },
      active: { from: true, to: false },
      managerId: { from: null, to: 'm-1' },
    });
  });

  it('compares arrays by content and reports nothing for an edit that changes nothing', () => {
    expect(changedFields({ groups: ['peer', 'self'] }, { groups: ['peer', 'self'] })).toEqual({});
    expect(changedFields({ groups: ['peer'] }, { groups: ['peer', 'self'] })).toEqual({
      groups: { from: ['peer'], to: ['peer', 'self'] },
    });
  });
});
