import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keys derived from the ballot secret (anonymity rule 10). The secret lives outside the database
 * (BALLOT_SECRET or a file under DATA_DIR), so whoever reads the database or a backup cannot
 * compute any of these:
 * - the invitation token of an invitation (so a reminder can resend the same link although only a
 *   hash of it is stored),
 * - the single-use marker of a ballot (so only the app can tell whether an invitation was used),
 * - the key that seals a ballot's answers until the round closes,
 * - the key that seals secrets of an organisation's configuration (the SSO client secret), so a
 *   database reader cannot use them at the identity provider.
 */
export interface BallotKeys {
  /** The link token of an invitation: 256 bits, base64url (43 characters). */
  invitationToken(invitationId: string): string;
  /** The ballot marker of an invitation: stored with a unique index, tells nothing without the key. */
  ballotMarker(invitationId: string): string;
  seal(plaintext: Buffer, associatedData: string): Buffer;
  /** Throws when the ballot was not sealed with this secret or was altered. */
  unseal(sealed: Buffer, associatedData: string): Buffer;
  /** Seals a configuration secret under its own key; `associatedData` ties it to its row. */
  sealConfigSecret(plaintext: string, associatedData: string): Buffer;
  /** Throws when the secret was not sealed with this ballot secret, or for another row. */
  unsealConfigSecret(sealed: Buffer, associatedData: string): string;
  /** A value stored in the database to recognise this secret at the next start. */
  checkValue: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function deriveBallotKeys(secret: string): BallotKeys {
  const derive = (label: string) =>
    Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `resonance ${label}`, 32));
  const tokenKey = derive('invitation token');
  const markerKey = derive('ballot marker');
  const sealKey = derive('ballot seal');
  const checkKey = derive('secret check');
  const configKey = derive('configuration secret');

  return {
    invitationToken: (invitationId) =>
      createHmac('sha256', tokenKey).update(invitationId, 'utf8').digest('base64url'),
    ballotMarker: (invitationId) =>
      createHmac('sha256', markerKey).update(invitationId, 'utf8').digest('hex'),
    seal: (plaintext, associatedData) => sealWith(sealKey, plaintext, associatedData),
    unseal: (sealed, associatedData) => unsealWith(sealKey, sealed, associatedData),
    sealConfigSecret: (plaintext, associatedData) =>
      sealWith(configKey, Buffer.from(plaintext, 'utf8'), associatedData),
    unsealConfigSecret: (sealed, associatedData) =>
      unsealWith(configKey, sealed, associatedData).toString('utf8'),
    checkValue: createHmac('sha256', checkKey).update('resonance ballot secret check v1').digest('hex'),
  };
}

/** AES-256-GCM: a random IV, then the ciphertext, then the tag. */
function sealWith(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function unsealWith(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** Only this hash of a token is stored, to find the invitation a link belongs to. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedInvitationToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}
