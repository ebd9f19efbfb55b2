import { DEFAULT_TIME_ZONE, isSupportedTimeZone } from '@resonance/domain';
import { z } from 'zod';

/**
 * The one place the web app reads its server-side environment. A bad value
 * stops the server with a message naming the variable.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Base URL of the Resonance API as the web server reaches it (no trailing /api/v1). */
  API_URL: z
    .url()
    .default('http://127.0.0.1:3001')
    .transform((url) => url.replace(/\/+$/, '')),
  /** Mark session cookies Secure; defaults to on in production. Turn off only for plain-http test setups. */
  SECURE_COOKIES: booleanFlag.optional(),
  /**
   * IANA time zone for pages shown without an organisation (sign-in, errors), e.g. Europe/Berlin.
   * Signed-in pages and the survey use the organisation's zone. Default: Europe/Berlin.
   */
  TIME_ZONE: z
    .string()
    .refine(isSupportedTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .optional(),
  /** Show development tools (email outbox viewer, demo hint). Unset: shown when the API offers its dev outbox. */
  SHOW_DEV_TOOLS: booleanFlag.optional(),
});

export type WebEnv = {
  nodeEnv: 'development' | 'test' | 'production';
  apiUrl: string;
  secureCookies: boolean;
  timeZone: string;
  showDevTools: boolean | undefined;
};

export class WebEnvError extends Error {
  override name = 'WebEnvError';
}

export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new WebEnvError(`Invalid web app environment:\n${lines.join('\n')}`);
  }
  const parsed = result.data;
  const production = parsed.NODE_ENV === 'production';
  return {
    nodeEnv: parsed.NODE_ENV,
    apiUrl: parsed.API_URL,
    secureCookies: parsed.SECURE_COOKIES ?? production,
    timeZone: parsed.TIME_ZONE ?? DEFAULT_TIME_ZONE,
    showDevTools: parsed.SHOW_DEV_TOOLS,
  };
}

let cached: WebEnv | undefined;

/** Parsed lazily so that `next build` does not need the runtime variables. */
export function env(): WebEnv {
  cached ??= parseWebEnv({
    NODE_ENV: process.env.NODE_ENV,
    API_URL: process.env.API_URL,
    SECURE_COOKIES: process.env.SECURE_COOKIES,
    SHOW_DEV_TOOLS: process.env.SHOW_DEV_TOOLS,
    TIME_ZONE: process.env.TIME_ZONE,
  });
  return cached;
}
