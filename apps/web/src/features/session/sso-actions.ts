'use server';

import type { SsoStartRequest, SsoStartResponse } from '@resonance/contracts';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/env';
import { problemFromResponse } from '@/lib/api/problem';
import { safeNextPath } from '@/lib/request-path';
import { writeSsoStateCookie } from '@/lib/session/sso-state-cookie';

export type SsoStartState =
  | { status: 'idle' }
  | {
      status: 'error';
      reason: 'not-configured' | 'organisation' | 'invalid' | 'provider' | 'rate-limited' | 'unavailable';
      identifier: string;
      organisations?: { slug: string; name: string }[];
    };

/**
 * Starts a single sign-on: the API picks the organisation by the work email's domain (or its
 * name), keeps the sign-in for ten minutes and gives the provider's URL; this browser gets the state
 * in a cookie, and goes to the provider. A redirect from a server action is a plain navigation, so
 * the page's form-action policy (ourselves only) is not asked to allow the provider.
 */
export async function startSingleSignOn(_previous: SsoStartState, form: FormData): Promise<SsoStartState> {
  const identifier = String(form.get('identifier') ?? '').trim();
  const chosen = String(form.get('organisation') ?? '').trim();
  const next = safeNextPath(String(form.get('next') ?? ''), '/');
  const failed = (reason: Extract<SsoStartState, { status: 'error' }>['reason'], extra = {}) =>
    ({ status: 'error', reason, identifier, ...extra }) as const;
  if (!identifier && !chosen) return failed('invalid');

  const body: SsoStartRequest = {
    ...(identifier.includes('@') ? { email: identifier } : { organisation: identifier.toLowerCase() }),
    ...(chosen ? { organisation: chosen } : {}),
    ...(next !== '/' ? { next } : {}),
  };
  let response: Response;
  try {
    response = await fetch(`${env().apiUrl}/api/v1/auth/sso/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return failed('unavailable');
  }
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    if (problem.code === 'organisation-required') {
      const organisations = (problem.extensions.organisations ?? []) as { slug: string; name: string }[];
      return failed('organisation', { organisations });
    }
    if (problem.code === 'sso-not-configured') return failed('not-configured');
    if (problem.code === 'sso-provider-error') return failed('provider');
    if (problem.status === 429) return failed('rate-limited');
    if (problem.status >= 500) return failed('unavailable');
    return failed('invalid');
  }
  const started = (await response.json()) as SsoStartResponse;
  writeSsoStateCookie(await cookies(), started.state);
  redirect(started.authorizationUrl);
}
