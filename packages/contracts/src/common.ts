import { LOCALES } from '@resonance/domain';
import { z } from 'zod';

/** One field's problem in a request, e.g. `{ field: 'line 7: manager_email', message: 'is not a valid email' }`. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
  code: z
    .string()
    .optional()
    .describe('Stable reason, e.g. `email_invalid`, for clients that word it themselves'),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('Values the message mentions, keyed by name, for interpolating a translation'),
});

/**
 * RFC 9457 problem details: the one shape of every error the API returns. Loose, because a
 * problem may carry extensions (e.g. `retryAfter`) that clients can ignore.
 */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('Stable URI identifying the kind of problem; clients switch on it'),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional().describe('Per-field validation errors'),
  })
  .meta({ id: 'Problem' });

export const localeSchema = z.enum(LOCALES);

export const uuidSchema = z.uuid();

/** Timestamps travel as ISO 8601 strings in UTC. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Lower-cased and trimmed so `Ana@Example.org ` and `ana@example.org` are the same person. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('must be a valid email address'));

export const idParamsSchema = z.strictObject({ id: uuidSchema });

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export function paginated<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    total: z.int().min(0),
    page: z.int().min(1),
    pageSize: z.int().min(1),
  });
}

/** `?flag=true` in a query string. */
export const queryBooleanSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;
export type LocaleValue = z.infer<typeof localeSchema>;
