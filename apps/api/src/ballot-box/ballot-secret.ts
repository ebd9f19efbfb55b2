import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '@resonance/db';
import type { BallotKeys } from './ballot-keys';

export const BALLOT_SECRET_FILE = 'ballot-secret';
const CHECK_KEY = 'ballot_secret_check';

export class BallotSecretError extends Error {
  override name = 'BallotSecretError';
}

/**
 * The ballot secret: BALLOT_SECRET when set, else the file `ballot-secret` under DATA_DIR, created
 * with 48 random bytes on first start (readable by the owner only). Keep it apart from database
 * backups: with it, a backup's open-round ballots can be unsealed.
 */
export function loadBallotSecret({
  configured,
  dataDir,
}: {
  configured: string | undefined;
  dataDir: string;
}): { secret: string; source: 'env' | 'file' | 'generated' } {
  if (configured) return { secret: configured, source: 'env' };
  const file = path.join(dataDir, BALLOT_SECRET_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) {
      throw new BallotSecretError(`${file} holds no valid ballot secret (at least 32 characters expected).`);
    }
    return { secret, source: 'file' };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, source: 'generated' };
}

/**
 * Makes sure the database is used with the secret it was used with before. The first start records
 * a check value (an HMAC, which reveals nothing about the secret); later starts with another
 * secret are refused: they could not recognise used invitations (double submissions), resend
 * working links, or unseal the ballots of open rounds.
 */
export async function verifyBallotSecret(db: Db, keys: BallotKeys): Promise<void> {
  await db.installationSetting.createMany({
    data: [{ key: CHECK_KEY, value: keys.checkValue }],
    skipDuplicates: true,
  });
  const stored = await db.installationSetting.findUniqueOrThrow({ where: { key: CHECK_KEY } });
  if (stored.value !== keys.checkValue) {
    throw new BallotSecretError(
      'The ballot secret does not match the one this database was used with. Restore the previous BALLOT_SECRET ' +
        '(or the file `ballot-secret` in DATA_DIR). Without it, invitations of open rounds cannot be checked for ' +
        'single use and their sealed answers cannot be read. See docs/anonymity.md, "Losing the ballot secret".',
    );
  }
}
