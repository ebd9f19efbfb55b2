import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('fills in defaults for an empty environment (embedded database, development)', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', API_PORT: 3001, SEED_DEMO: false });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', SMTP_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ API_PORT: 'eighty' }, 'API_PORT: must be a port number (0–65535)'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET: must be at least 32 characters'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL: must be an smtp:// or smtps:// URL'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET: must be set to your own random secret in production'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(40) }, 'JWT_SECRET: is too weak'],
    [{ BALLOT_SECRET: 'short' }, 'BALLOT_SECRET: must be at least 32 characters'],
    [{ NODE_ENV: 'production' }, 'SMTP_URL: must be set in production'],
    [
      { NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/resonance' },
      'BALLOT_SECRET: must be set in production with DATABASE_URL',
    ],
    [{ NODE_ENV: 'production', BALLOT_SECRET: 'b'.repeat(40) }, 'BALLOT_SECRET: is too weak'],
  ])('names the bad variable and what it expects: %j', (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it('accepts a strong secret in production', () => {
    const secret = 'Zq8v3Lr0Tn6Xw2Pb9Hs4Kd7Mf1Gc5Yj-_aeiouAEIOU';
    expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: secret, SMTP_URL: 'smtp://mail' }).JWT_SECRET).toBe(
      secret,
    );
  });

  it('serves the API documents outside production, and in production only when asked', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'Zq8v3Lr0Tn6Xw2Pb9Hs4Kd7Mf1Gc5Yj-_aeiouAEIOU',
      SMTP_URL: 'smtp://mail',
    };
    expect(parseEnv({}).API_DOCS).toBe(true);
    expect(parseEnv(production).API_DOCS).toBe(false);
    expect(parseEnv({ ...production, API_DOCS: 'true' }).API_DOCS).toBe(true);
  });

  it('lists every bad variable at once', () => {
    try {
      parseEnv({ API_PORT: '-1', WEB_URL: 'not a url' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('API_PORT');
      expect(String(error)).toContain('WEB_URL');
    }
  });
});
