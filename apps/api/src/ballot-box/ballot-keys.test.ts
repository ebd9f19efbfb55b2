import { describe, expect, it } from 'vitest';
import { paddedSize, sealBallot, unsealBallot } from './ballot-box';
import { deriveBallotKeys, hashInvitationToken, isWellFormedInvitationToken } from './ballot-keys';

const keys = deriveBallotKeys('unit-test-ballot-secret-0123456789abcdef');
const other = deriveBallotKeys('another-ballot-secret-0123456789abcdefgh');
const invitationId = '6f1d7f0e-8c1b-4d53-9a43-2b7f3f0c1e11';
const unit = {
  roundId: '0b6c3f58-59a4-4a83-8a0b-4f0b8b3c5a11',
  leaderId: '1e7d2b0a-1f3c-4e8e-bb6d-7a2f9c1d0e22',
  raterGroup: 'direct_report' as const,
};

describe('ballot keys', () => {
  it('derives a 256-bit, well-formed token per invitation, the same every time', () => {
    const token = keys.invitationToken(invitationId);
    expect(isWellFormedInvitationToken(token)).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(keys.invitationToken(invitationId)).toBe(token);
    expect(keys.invitationToken('6f1d7f0e-8c1b-4d53-9a43-2b7f3f0c1e12')).not.toBe(token);
  });

  it('gives another secret other tokens, markers and check values', () => {
    expect(other.invitationToken(invitationId)).not.toBe(keys.invitationToken(invitationId));
    expect(other.ballotMarker(invitationId)).not.toBe(keys.ballotMarker(invitationId));
    expect(other.checkValue).not.toBe(keys.checkValue);
  });

  it('keeps marker, token and its stored hash unrelated to each other', () => {
    const token = keys.invitationToken(invitationId);
    const marker = keys.ballotMarker(invitationId);
    expect(marker).not.toBe(hashInvitationToken(token));
    expect(marker).not.toContain(invitationId.replaceAll('-', ''));
  });
});

describe('sealed configuration secrets', () => {
  const orgId = '2a7c1d3e-4b5f-4a6b-8c7d-9e0f1a2b3c44';

  it('opens only with the same secret, for the same row, and differs from the ballot seal', () => {
    const sealed = keys.sealConfigSecret('client-secret-value', orgId);
    expect(sealed.toString('utf8')).not.toContain('client-secret-value');
    expect(keys.unsealConfigSecret(sealed, orgId)).toBe('client-secret-value');
    expect(() => other.unsealConfigSecret(sealed, orgId)).toThrow();
    expect(() => keys.unsealConfigSecret(sealed, '2a7c1d3e-4b5f-4a6b-8c7d-9e0f1a2b3c45')).toThrow();
    expect(() => keys.unseal(sealed, orgId)).toThrow();
  });
});

describe('sealed ballots', () => {
  const content = {
    answers: [{ itemKey: 'visibility.1', score: 4 }],
    comments: [{ kind: 'thesis' as const, thesisKey: 'visibility', text: 'Ist oft da. 👍' }],
  };

  it('round-trips and hides the text', () => {
    const sealed = sealBallot(keys, unit, content);
    expect(sealed.toString('utf8')).not.toContain('oft da');
    expect(unsealBallot(keys, unit, sealed)).toEqual(content);
  });

  it('pads to a size class, so short and longer ballots look alike', () => {
    const short = sealBallot(keys, unit, content);
    const longer = sealBallot(keys, unit, {
      ...content,
      comments: [{ kind: 'keep_doing', thesisKey: null, text: 'x'.repeat(1500) }],
    });
    expect(short.length).toBe(longer.length);
    expect([paddedSize(10), paddedSize(2048), paddedSize(2049), paddedSize(70_000)]).toEqual([
      2048, 2048, 4096, 131_072,
    ]);
  });

  it('refuses another secret, another unit and any altered byte', () => {
    const sealed = sealBallot(keys, unit, content);
    expect(() => unsealBallot(other, unit, sealed)).toThrow();
    expect(() => unsealBallot(keys, { ...unit, raterGroup: 'peer' }, sealed)).toThrow();
    const altered = Buffer.from(sealed);
    altered[20] = (altered[20] ?? 0) ^ 1;
    expect(() => unsealBallot(keys, unit, altered)).toThrow();
  });
});
