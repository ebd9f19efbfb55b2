import { z } from 'zod';
import { organisationSlugSchema, sessionSchema } from './auth';
import { emailSchema, isoDateTimeSchema } from './common';

/** Scopes asked of the identity provider: the email (verified) identifies the user, nothing else. */
export const SSO_SCOPES = 'openid email profile';

/** The path of the web app the identity provider sends the browser back to. */
export const SSO_CALLBACK_PATH = '/login/sso/callback';

/**
 * Why a single sign-on failed, as the `type` slug of its problem+json. The web app words each one;
 * none says more than the person signing in already knows about themselves.
 */
export const ssoFailureCodes = [
  /** No organisation with single sign-on for that slug or email domain. */
  'sso-not-configured',
  /** The `state` is unknown, altered or was used already. */
  'sso-state-invalid',
  /** The sign-in took longer than its state lives (10 minutes). */
  'sso-state-expired',
  /** The identity provider refused the code (expired, replayed, another issuer) or did not answer. */
  'sso-provider-error',
  /** The identity provider does not vouch for the email (`email_verified` is not true). */
  'sso-email-unverified',
  /** The email's domain is not among the organisation's allowed domains. */
  'sso-domain-not-allowed',
  /** No one with this email in the organisation's chart (perhaps in another organisation). */
  'sso-not-in-organisation',
  /** In the chart, but without a login (not a leader or admin, or never given one). */
  'sso-no-login',
  /** The person or their login is deactivated. */
  'sso-account-deactivated',
] as const;

/** Password login and set-password refused: the organisation signs in through its identity provider only. */
export const SSO_REQUIRED_CODE = 'sso-required';

export type SsoFailureCode = (typeof ssoFailureCodes)[number];

/** A lowercase DNS name such as `example.com` (punycode for international names). */
export const ssoDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/,
    'must be a domain such as example.com',
  );

/**
 * The issuer identifier, not the discovery document's URL: discovery appends
 * `/.well-known/openid-configuration` and checks that the document names this issuer.
 */
/** A URL, or undefined: refinements also run on values an earlier check already refused. */
function parsedUrl(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

export const issuerUrlSchema = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
  .refine((value) => {
    const url = parsedUrl(value);
    return !url || (!url.username && !url.password && !url.search && !url.hash);
  }, 'must not carry credentials, a query or a fragment')
  .refine(
    (value) => !parsedUrl(value)?.pathname.includes('/.well-known/'),
    'must be the issuer, without /.well-known/openid-configuration',
  )
  .describe('Issuer identifier of the OpenID provider, e.g. https://login.example.com/realms/staff');

export const ssoProviderSchema = z.object({
  issuerUrl: z.string(),
  clientId: z.string(),
  hasClientSecret: z
    .boolean()
    .describe('Whether a client secret is stored; the secret itself is never returned'),
  allowedDomains: z.array(z.string()),
  enabled: z.boolean(),
  ssoOnly: z.boolean().describe('Passwords off: users sign in only through the identity provider'),
  updatedAt: isoDateTimeSchema,
});

export const orgSsoSchema = z
  .object({
    redirectUri: z.string().describe('Register this redirect URI with the client at the identity provider'),
    scopes: z.string().describe('The scopes a sign-in asks for'),
    provider: ssoProviderSchema.nullable().describe('null until single sign-on is configured'),
  })
  .meta({ id: 'OrgSso' });

export const updateOrgSsoRequestSchema = z
  .strictObject({
    issuerUrl: issuerUrlSchema,
    clientId: z.string().trim().min(1).max(255),
    clientSecret: z
      .string()
      .min(1)
      .max(1024)
      .nullable()
      .optional()
      .describe('Omit to keep the stored secret; null removes it (a public client using PKCE only)'),
    allowedDomains: z
      .array(ssoDomainSchema)
      .min(1, 'name at least one email domain')
      .max(20)
      .refine((domains) => new Set(domains).size === domains.length, 'must not repeat a domain'),
    enabled: z.boolean().default(true),
    ssoOnly: z.boolean().default(false),
  })
  .refine((body) => body.enabled || !body.ssoOnly, {
    message: 'single sign-on must be enabled to turn passwords off',
    path: ['ssoOnly'],
  });

export const ssoStartRequestSchema = z
  .strictObject({
    organisation: organisationSlugSchema.optional().describe('Slug of the organisation to sign in to'),
    email: emailSchema
      .optional()
      .describe('Work email: its domain finds the organisation; it is passed on as a login hint'),
    next: z.string().max(500).optional().describe('A path of the web app to go to after signing in'),
  })
  .refine((body) => body.organisation !== undefined || body.email !== undefined, {
    message: 'name the organisation or give a work email',
    path: ['email'],
  });

export const ssoStartResponseSchema = z
  .object({
    authorizationUrl: z.string().describe("Send the browser here: the identity provider's sign-in"),
    state: z.string().describe('Bind it to the browser (a cookie) and compare it at the callback'),
    expiresAt: isoDateTimeSchema,
  })
  .meta({ id: 'SsoStart' });

export const ssoCallbackRequestSchema = z.strictObject({
  state: z.string().min(16).max(512),
  code: z.string().min(1).max(4096),
  iss: z
    .string()
    .max(500)
    .optional()
    .describe('The `iss` parameter of the callback, when the provider sends one'),
});

export const ssoSessionSchema = sessionSchema
  .extend({ next: z.string().nullable().describe('The path given at the start, if any') })
  .meta({ id: 'SsoSession' });

export type OrgSso = z.infer<typeof orgSsoSchema>;
export type SsoProvider = z.infer<typeof ssoProviderSchema>;
export type UpdateOrgSsoRequest = z.input<typeof updateOrgSsoRequestSchema>;
export type SsoStartRequest = z.input<typeof ssoStartRequestSchema>;
export type SsoStartResponse = z.infer<typeof ssoStartResponseSchema>;
export type SsoCallbackRequest = z.infer<typeof ssoCallbackRequestSchema>;
export type SsoSession = z.infer<typeof ssoSessionSchema>;
