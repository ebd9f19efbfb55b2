import { z } from 'zod';
import { emailSchema, isoDateTimeSchema, localeSchema, uuidSchema } from './common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const userRoleSchema = z.enum(['admin', 'leader']);

export const organisationSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes')
  .max(64);

export const signupRequestSchema = z.strictObject({
  organisationName: z.string().trim().min(2).max(120),
  name: z.string().trim().min(1).max(120),
  email: emailSchema,
  password: newPasswordSchema,
  locale: localeSchema.default('de'),
});

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  organisation: organisationSlugSchema
    .optional()
    .describe('Slug of the organisation; needed only when the email has an account in several'),
});

export const refreshTokenSchema = z.string().min(32).max(128);

export const refreshRequestSchema = z.strictObject({ refreshToken: refreshTokenSchema });

export const logoutRequestSchema = z.strictObject({ refreshToken: refreshTokenSchema });

export const setPasswordRequestSchema = z.strictObject({ password: newPasswordSchema });

export const setupTokenHeadersSchema = z.looseObject({
  'x-setup-token': z.string().min(32).max(128).describe('The token from the password-setup link'),
});

/** What login, signup, refresh and set-password return. */
export const sessionSchema = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    /** Seconds until the access token expires. */
    expiresIn: z.int().positive(),
    refreshToken: z.string(),
    refreshTokenExpiresAt: isoDateTimeSchema,
  })
  .meta({ id: 'Session' });

export const organisationSummarySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  slug: z.string(),
  defaultLocale: localeSchema,
  anonymityThreshold: z.int(),
  timeZone: z.string().describe('IANA time zone the web app shows times in'),
});

export const meResponseSchema = z
  .object({
    user: z.object({
      id: uuidSchema,
      email: z.string(),
      role: userRoleSchema,
      locale: localeSchema.nullable(),
    }),
    person: z.object({ id: uuidSchema, name: z.string(), email: z.string() }),
    organisation: organisationSummarySchema,
    role: userRoleSchema,
  })
  .meta({ id: 'Me' });

/** The caller's own settings; a null locale follows the organisation default and the browser. */
export const updateMyPreferencesRequestSchema = z.strictObject({
  locale: localeSchema.nullable(),
});

export type SignupRequest = z.input<typeof signupRequestSchema>;
export type LoginRequest = z.input<typeof loginRequestSchema>;
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;
export type LogoutRequest = z.infer<typeof logoutRequestSchema>;
export type SetPasswordRequest = z.infer<typeof setPasswordRequestSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type UserRole = z.infer<typeof userRoleSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
export type UpdateMyPreferencesRequest = z.infer<typeof updateMyPreferencesRequestSchema>;
export type OrganisationSummary = z.infer<typeof organisationSummarySchema>;
