import { describe, expect, it } from 'vitest';
import { safeNextPath } from './request-path';

describe('safeNextPath', () => {
  it('accepts only paths on this site as a place to return to', () => {
    expect(safeNextPath('/admin/rounds?x=1')).toBe('/admin/rounds?x=1');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath(undefined, '/dashboard')).toBe('/dashboard');
  });
});
