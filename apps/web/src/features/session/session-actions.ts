'use server';

import type {
  LoginRequest,
  LogoutRequest,
  Session,
  SetPasswordRequest,
  SignupRequest,
} from '@resonance/contracts';
import { signupRequestSchema } from '@resonance/contracts';
import { isLocale, type Locale } from '@resonance/domain';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/env';
import { writeLocaleCookie } from '@/i18n/locale-cookie';
import { problemFromResponse } from '@/lib/api/problem';
import { safeNextPath } from '@/lib/request-path';
import { clearSessionCookies, REFRESH_COOKIE, writeSessionCookies } from '@/lib/session/cookies';
import { startSession } from '@/lib/session/start-session';

export type LoginState =
  | { status: 'idle' }
  | {
      status: 'error';
      reason: 'invalid' | 'organisation' | 'sso-required' | 'rate-limited' | 'unavailable';
      email: string;
      organisations?: { slug: string; name: string }[];
    };

async function postJson(path: string, body: unknown, accessToken?: string): Promise<Response | undefined> {
  try {
    return await fetch(`${env().apiUrl}/api/v1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return undefined;
  }
}

/** Signs in with the API and keeps its tokens in httpOnly cookies; the browser never sees them. */
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const organisation = String(form.get('organisation') ?? '').trim() || undefined;
  const next = safeNextPath(String(form.get('next') ?? ''), '/');

  const request: LoginRequest = { email, password, ...(organisation ? { organisation } : {}) };
  const response = await postJson('/auth/login', request);
  if (!response) return { status: 'error', reason: 'unavailable', email };
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    if (problem.code === 'organisation-required') {
      const organisations = (problem.extensions.organisations ?? []) as { slug: string; name: string }[];
      return { status: 'error', reason: 'organisation', email, organisations };
    }
    // Only after a right password: the organisation has switched passwords off.
    if (problem.code === 'sso-required') return { status: 'error', reason: 'sso-required', email };
    if (problem.status === 429) return { status: 'error', reason: 'rate-limited', email };
    if (problem.status >= 500) return { status: 'error', reason: 'unavailable', email };
    return { status: 'error', reason: 'invalid', email };
  }
  const session = (await response.json()) as Session;
  redirect(await startSession(await cookies(), session, next));
}

const SIGNUP_FIELDS = ['organisationName', 'name', 'email', 'password', 'locale'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number] | 'passwordConfirmation';

export type SignupState =
  | { status: 'idle' }
  | {
      status: 'error';
      reason: 'invalid' | 'conflict' | 'rate-limited' | 'unavailable';
      /** Fields to mark, from the API's `body.<field>` errors (and the confirmation, checked here). */
      fields: SignupField[];
      /** What was typed, to fill the form again; never the passwords. */
      values: Pick<SignupRequest, 'organisationName' | 'name' | 'email'> & { locale: Locale };
    };

function signupField(path: string): SignupField | undefined {
  const name = path.replace(/^body\./, '').split('.')[0];
  return SIGNUP_FIELDS.find((field) => field === name);
}

/** Creates an organisation with its first admin at the API, then signs them in like the login does. */
export async function signup(_previous: SignupState, form: FormData): Promise<SignupState> {
  const text = (name: string) => String(form.get(name) ?? '');
  const chosenLocale = text('locale');
  const request: SignupRequest = {
    organisationName: text('organisationName').trim(),
    name: text('name').trim(),
    email: text('email').trim(),
    password: text('password'),
    locale: isLocale(chosenLocale) ? chosenLocale : undefined,
  };
  const values = {
    organisationName: request.organisationName,
    name: request.name,
    email: request.email,
    locale: (request.locale ?? 'de') as Locale,
  };
  const failed = (reason: Extract<SignupState, { status: 'error' }>['reason'], fields: SignupField[] = []) =>
    ({ status: 'error', reason, fields, values }) as const;

  // The API never sees the confirmation; a mismatch stops here, with whatever else the contract rejects.
  if (request.password !== text('passwordConfirmation')) {
    const parsed = signupRequestSchema.safeParse(request);
    const others = parsed.success
      ? []
      : parsed.error.issues.map((issue) => signupField(String(issue.path[0])));
    return failed('invalid', [
      ...new Set([...others.filter((field) => field !== undefined), 'passwordConfirmation' as const]),
    ]);
  }

  const response = await postJson('/auth/signup', request);
  if (!response) return failed('unavailable');
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    if (problem.status === 429) return failed('rate-limited');
    if (problem.status === 409) return failed('conflict');
    if (problem.status >= 500) return failed('unavailable');
    const fields = problem.errors
      .map((error) => signupField(error.field))
      .filter((field) => field !== undefined);
    return failed('invalid', [...new Set(fields)]);
  }
  const jar = await cookies();
  writeSessionCookies(jar, (await response.json()) as Session);
  writeLocaleCookie(jar, values.locale);
  redirect('/admin/overview?welcome=1');
}

/** Revokes the refresh token family at the API, then forgets the cookies. */
export async function logout(): Promise<void> {
  const jar = await cookies();
  const refreshToken = jar.get(REFRESH_COOKIE)?.value;
  if (refreshToken) await postJson('/auth/logout', { refreshToken } satisfies LogoutRequest);
  clearSessionCookies(jar);
  redirect('/login?signedOut=1');
}

export type SetPasswordState =
  | { status: 'idle' }
  | { status: 'error'; reason: 'invalid-link' | 'expired' | 'too-short' | 'sso-required' | 'unavailable' };

/** Chooses the first password with the single-use token from the setup email, then signs in. */
export async function setPassword(token: string, password: string): Promise<SetPasswordState> {
  let response: Response;
  try {
    response = await fetch(`${env().apiUrl}/api/v1/auth/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-setup-token': token },
      body: JSON.stringify({ password } satisfies SetPasswordRequest),
      cache: 'no-store',
    });
  } catch {
    return { status: 'error', reason: 'unavailable' };
  }
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    if (problem.code === 'sso-required') return { status: 'error', reason: 'sso-required' };
    if (problem.status === 410 || problem.code.includes('expired'))
      return { status: 'error', reason: 'expired' };
    if (problem.status === 400) return { status: 'error', reason: 'too-short' };
    if (problem.status >= 500) return { status: 'error', reason: 'unavailable' };
    return { status: 'error', reason: 'invalid-link' };
  }
  writeSessionCookies(await cookies(), (await response.json()) as Session);
  redirect('/');
}
