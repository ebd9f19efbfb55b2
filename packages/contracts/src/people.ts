import { ORG_ROLES } from '@resonance/domain';
import { z } from 'zod';
import { userRoleSchema } from './auth';
import {
  emailSchema,
  localeSchema,
  paginated,
  paginationQuerySchema,
  queryBooleanSchema,
  uuidSchema,
} from './common';

export const personRoleSchema = z.enum(ORG_ROLES);

/** Columns of the org-chart CSV, in this order in the header (extra columns are rejected). */
export const ORG_CHART_CSV_COLUMNS = ['email', 'name', 'manager_email', 'role'] as const;

/** The JSON form of an org-chart import: one entry per person, same meaning as the CSV columns. */
export const importPersonSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  managerEmail: emailSchema
    .nullish()
    .describe('Email of the manager, in this import or already in the organisation'),
  role: personRoleSchema.default('member'),
});

export const importPeopleJsonSchema = z.strictObject({
  people: z.array(importPersonSchema).min(1).max(20_000),
});

/** `text/csv` (columns email,name,manager_email,role) or `application/json` ({ people: [...] }). */
export const importPeopleBodySchema = z.union([
  z.string().describe('CSV text with the header email,name,manager_email,role'),
  importPeopleJsonSchema,
]);

export const importPeopleQuerySchema = z.object({
  dryRun: queryBooleanSchema.default(false).describe('true: validate and preview, write nothing'),
});

export const importActionSchema = z.enum(['create', 'update', 'unchanged']);

export const importPreviewRowSchema = z.object({
  /** CSV line number, or position (1-based) in the JSON array. */
  line: z.int().min(1),
  email: z.string(),
  name: z.string(),
  action: importActionSchema,
  /** Which fields change on update, e.g. ["manager", "role"]. */
  changes: z.array(z.enum(['name', 'manager', 'role'])),
});

export const importPeopleResponseSchema = z
  .object({
    dryRun: z.boolean(),
    created: z.int().min(0),
    updated: z.int().min(0),
    unchanged: z.int().min(0),
    people: z.array(importPreviewRowSchema),
  })
  .meta({ id: 'ImportPeopleResult' });

export const personSchema = z
  .object({
    id: uuidSchema,
    email: z.string(),
    name: z.string(),
    role: personRoleSchema,
    locale: localeSchema.nullable(),
    active: z.boolean(),
    manager: z.object({ id: uuidSchema, name: z.string(), email: z.string() }).nullable(),
    directReports: z.int().min(0),
    /** The login of this person, when they have one. */
    user: z
      .object({
        id: uuidSchema,
        role: userRoleSchema,
        active: z.boolean(),
        /** false until the person has used their password-setup link. */
        hasPassword: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'Person' });

export const listPeopleQuerySchema = paginationQuerySchema.extend({
  search: z.string().trim().max(200).optional().describe('Matches name or email, case-insensitive'),
  role: personRoleSchema.optional(),
  active: queryBooleanSchema.optional(),
});

export const listPeopleResponseSchema = paginated(personSchema).meta({ id: 'PeoplePage' });

export const updatePersonRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: personRoleSchema.optional(),
    managerId: uuidSchema.nullable().optional(),
    active: z.boolean().optional(),
    locale: localeSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });

export const inviteUserResponseSchema = z
  .object({
    userId: uuidSchema,
    email: z.string(),
    role: userRoleSchema,
    signIn: z
      .enum(['password', 'sso'])
      .describe(
        'password: a link to choose one was emailed; sso: the organisation signs in with SSO only, no email',
      ),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .describe('When the password link stops working; null with single sign-on'),
  })
  .meta({ id: 'UserInvitation' });

export type PersonRole = z.infer<typeof personRoleSchema>;
export type ImportPerson = z.input<typeof importPersonSchema>;
export type ImportPeopleJson = z.input<typeof importPeopleJsonSchema>;
export type ImportPeopleResponse = z.infer<typeof importPeopleResponseSchema>;
export type ImportPreviewRow = z.infer<typeof importPreviewRowSchema>;
export type Person = z.infer<typeof personSchema>;
export type ListPeopleQuery = z.input<typeof listPeopleQuerySchema>;
export type ListPeopleResponse = z.infer<typeof listPeopleResponseSchema>;
export type UpdatePersonRequest = z.infer<typeof updatePersonRequestSchema>;
export type InviteUserResponse = z.infer<typeof inviteUserResponseSchema>;
