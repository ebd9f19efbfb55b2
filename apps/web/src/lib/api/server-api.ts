import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/env';
import { currentPath } from '@/lib/current-path';
import {
  ACCESS_COOKIE,
  clearSessionCookies,
  REFRESH_COOKIE,
  writeSessionCookies,
} from '@/lib/session/cookies';
import { refreshSession } from '@/lib/session/refresh';
import { ApiProblem, problemFromResponse, unreachableProblem } from './problem';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** JSON-encoded unless it is already a string (then sent with `contentType`). */
  body?: unknown;
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Extra headers, e.g. Accept for CSV. */
  headers?: Record<string, string>;
}

/**
 * Where the call runs decides what happens on a 401. During rendering, cookies
 * cannot be written, so the page is sent through /session/refresh, which
 * rotates the cookies and comes back. In a server action or route handler the
 * refresh happens in place and the call is retried once.
 */
export type CallContext = 'render' | 'action';

function buildUrl(path: string, query: ApiRequest['query']): string {
  const url = new URL(`${env().apiUrl}/api/v1${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

async function send(path: string, request: ApiRequest, accessToken: string | undefined): Promise<Response> {
  const requestHeaders: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (accessToken) requestHeaders.authorization = `Bearer ${accessToken}`;
  let body: string | undefined;
  if (request.body !== undefined) {
    if (typeof request.body === 'string') {
      body = request.body;
      requestHeaders['content-type'] = request.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(request.body);
      requestHeaders['content-type'] = 'application/json';
    }
  }
  try {
    return await fetch(buildUrl(path, request.query), {
      method: request.method ?? 'GET',
      headers: requestHeaders,
      body,
      cache: 'no-store',
    });
  } catch {
    throw unreachableProblem();
  }
}

/** Calls the API as the signed-in user and returns the raw response (2xx only). */
export async function apiResponse(path: string, request: ApiRequest = {}, context: CallContext = 'render') {
  const jar = await cookies();
  let response = await send(path, request, jar.get(ACCESS_COOKIE)?.value);
  if (response.status === 401) {
    const refreshToken = jar.get(REFRESH_COOKIE)?.value;
    if (context === 'render') {
      const here = await currentPath();
      redirect(
        refreshToken
          ? `/session/refresh?next=${encodeURIComponent(here)}`
          : `/login?next=${encodeURIComponent(here)}`,
      );
    }
    const outcome = refreshToken ? await refreshSession(refreshToken) : ({ kind: 'rejected' } as const);
    if (outcome.kind !== 'refreshed') {
      if (outcome.kind === 'rejected') clearSessionCookies(jar);
      redirect('/login');
    }
    writeSessionCookies(jar, outcome.tokens);
    response = await send(path, request, outcome.tokens.accessToken);
    if (response.status === 401) {
      clearSessionCookies(jar);
      redirect('/login');
    }
  }
  if (!response.ok) throw await problemFromResponse(response);
  return response;
}

/** Calls the API as the signed-in user and parses the JSON answer; failures throw an ApiProblem. */
export async function api<T>(
  path: string,
  request: ApiRequest = {},
  context: CallContext = 'render',
): Promise<T> {
  const response = await apiResponse(path, request, context);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Same as `api`, for server actions: may rotate the session cookies. */
export function actionApi<T>(path: string, request: ApiRequest = {}): Promise<T> {
  return api<T>(path, request, 'action');
}

/** Runs an API call and turns a problem into a value, for pages that show a friendly message instead. */
export async function attempt<T>(
  call: Promise<T>,
): Promise<{ ok: true; data: T } | { ok: false; problem: ApiProblem }> {
  try {
    return { ok: true, data: await call };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, problem: error };
    throw error;
  }
}
