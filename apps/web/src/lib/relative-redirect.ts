/**
 * A redirect with a relative Location. Behind `next start -H <host>` or a
 * reverse proxy, `request.url` may name another host than the browser used
 * (e.g. localhost for 127.0.0.1); an absolute redirect there would land on a
 * host the session cookies do not belong to.
 */
export function relativeRedirect(pathAndQuery: string, status: 303 | 307 = 303): Response {
  return new Response(null, { status, headers: { location: pathAndQuery, 'cache-control': 'no-store' } });
}
