/**
 * The Content-Security-Policy of every page: scripts only from this origin and only those Next.js
 * marks with this response's nonce ('strict-dynamic' lets them load their own chunks), no
 * plugins, no framing, forms only to ourselves. Styles allow inline attributes: React renders
 * `style` props and chart sizing into the HTML, and a style cannot run code.
 * Development adds 'unsafe-eval' for React's fast refresh.
 */
export function contentSecurityPolicy(nonce: string, { development }: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(development ? [] : ['upgrade-insecure-requests']),
  ].join('; ');
}

/** HSTS for a year, sent only where the app is served over HTTPS (secure cookies on). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** A fresh nonce per response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
