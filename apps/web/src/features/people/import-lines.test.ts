import { describe, expect, it } from 'vitest';
import { problemsByLine } from './import-lines';

describe('problemsByLine', () => {
  it('groups the API field errors by CSV line and column', () => {
    const byLine = problemsByLine([
      { field: 'line 4: manager_email', message: 'is not a valid email address' },
      { field: 'line 4: role', message: 'must be member, leader or admin' },
      { field: 'line 7', message: 'has 5 columns, expected 4' },
      { field: 'body', message: 'is empty' },
    ]);
    expect(byLine.get(4)).toEqual([
      { field: 'manager_email', message: 'is not a valid email address' },
      { field: 'role', message: 'must be member, leader or admin' },
    ]);
    expect(byLine.get(7)).toEqual([{ field: undefined, message: 'has 5 columns, expected 4' }]);
    expect(byLine.get(0)).toEqual([{ field: undefined, message: 'is empty' }]);
  });

  it('keeps the code and params a translation needs', () => {
    const byLine = problemsByLine([
      {
        field: 'line 4: manager_email',
        message: '"boss@" is not a valid email address',
        code: 'manager_email_invalid',
        params: { email: 'boss@' },
      },
    ]);
    expect(byLine.get(4)).toEqual([
      {
        field: 'manager_email',
        message: '"boss@" is not a valid email address',
        code: 'manager_email_invalid',
        params: { email: 'boss@' },
      },
    ]);
  });
});
