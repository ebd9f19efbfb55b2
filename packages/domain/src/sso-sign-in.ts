/**
 * Who a single sign-on lets in. The identity provider vouches for an email; the organisation's chart
 * decides whether that email is one of its users. Checked in this order, so a refusal names the first
 * rule that failed and nothing about other organisations.
 */
export type SsoRefusal =
  | 'email-unverified'
  | 'domain-not-allowed'
  | 'not-in-organisation'
  | 'no-login'
  | 'account-deactivated';

/** The lowercase domain of an email address, or undefined when it has none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return undefined;
  return email.slice(at + 1).toLowerCase();
}

/**
 * The email an ID token identifies someone by: only when the provider says it verified it (a provider
 * that lets users type any address must not let them claim a colleague's), and only in an allowed domain.
 */
export function verifiedSsoEmail(
  claims: { email?: unknown; email_verified?: unknown },
  allowedDomains: readonly string[],
): { ok: true; email: string } | { ok: false; reason: SsoRefusal } {
  // Some providers send the flag as the string "true"; anything else is not a verification.
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (typeof claims.email !== 'string' || claims.email.length === 0 || !verified) {
    return { ok: false, reason: 'email-unverified' };
  }
  const email = claims.email.trim().toLowerCase();
  const domain = emailDomain(email);
  if (!domain || !allowedDomains.includes(domain)) return { ok: false, reason: 'domain-not-allowed' };
  return { ok: true, email };
}

export interface SsoPerson {
  active: boolean;
  role: 'member' | 'leader' | 'admin';
  /** The person's login, if an admin gave them one. */
  user: { active: boolean } | null;
}

/**
 * Whether the person this email belongs to in the organisation may sign in. A login is given by an
 * admin (as for passwords); single sign-on only proves who someone is, it creates no account.
 */
export function ssoAccountRefusal(person: SsoPerson | null): SsoRefusal | undefined {
  if (!person) return 'not-in-organisation';
  if (!person.active) return 'account-deactivated';
  if (person.role === 'member' || !person.user) return 'no-login';
  if (!person.user.active) return 'account-deactivated';
  return undefined;
}
