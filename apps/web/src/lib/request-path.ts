/** Set by the proxy on every page request, so server code knows where to come back to after a redirect. */
export const PATH_HEADER = 'x-resonance-path';

/** Accepts only same-site relative paths as redirect targets, so `?next=` cannot send anyone elsewhere. */
export function safeNextPath(value: string | null | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
