import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

describe('audit cursor', () => {
  it('round-trips the position of an event', () => {
    const position = {
      createdAt: new Date('2027-03-01T10:20:30.456Z'),
      id: '0b9a3c4e-8f1d-4c2a-9e7b-5d6f7a8b9c0d',
    };
    expect(decodeAuditCursor(encodeAuditCursor(position))).toEqual(position);
  });

  it.each([
    'not-a-cursor',
    Buffer.from('yesterday|0b9a3c4e-8f1d-4c2a-9e7b-5d6f7a8b9c0d').toString('base64url'),
    Buffer.from('2027-03-01T10:20:30.456Z|42').toString('base64url'),
    Buffer.from('2027-13-45T10:20:30.456Z|0b9a3c4e-8f1d-4c2a-9e7b-5d6f7a8b9c0d').toString('base64url'),
    Buffer.from('2027-03-01T10:20:30.456Z|0b9a3c4e-8f1d-4c2a-9e7b-5d6f7a8b9c0d|x').toString('base64url'),
  ])('rejects %s as a validation error', (cursor) => {
    expect(() => decodeAuditCursor(cursor)).toThrow(/cursor/);
  });
});
