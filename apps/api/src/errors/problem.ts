/**
 * One error shape for every failure: RFC 9457 problem details. `type` is a stable URI
 * clients can switch on; `title` is short and human; `detail` explains this occurrence.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  /** JSON pointer-ish path to the field, e.g. "answers.3.score" or "line 7: manager_email". */
  field: string;
  message: string;
  /** Stable reason clients can translate, e.g. "email_invalid". */
  code?: string;
  /** Values the message mentions, for the translation to mention too. */
  params?: Record<string, string | number>;
}

const PROBLEM_BASE = 'https://resonance.dev/problems/';

export const problemTypes = {
  validation: { slug: 'validation', status: 400, title: 'The request is invalid' },
  unauthenticated: { slug: 'unauthenticated', status: 401, title: 'Authentication required' },
  forbidden: { slug: 'forbidden', status: 403, title: 'Not allowed' },
  notFound: { slug: 'not-found', status: 404, title: 'Not found' },
  methodNotAllowed: { slug: 'method-not-allowed', status: 405, title: 'Method not allowed' },
  conflict: { slug: 'conflict', status: 409, title: 'Conflict' },
  gone: { slug: 'gone', status: 410, title: 'No longer available' },
  payloadTooLarge: { slug: 'payload-too-large', status: 413, title: 'Request body too large' },
  uriTooLong: { slug: 'uri-too-long', status: 414, title: 'URI too long' },
  unsupportedMediaType: { slug: 'unsupported-media-type', status: 415, title: 'Unsupported media type' },
  /** Well-formed, but what it points at cannot be used (e.g. an identity provider that does not answer). */
  unprocessable: { slug: 'unprocessable', status: 422, title: 'The request cannot be carried out' },
  rateLimited: { slug: 'rate-limited', status: 429, title: 'Too many requests' },
  internal: { slug: 'internal', status: 500, title: 'Internal server error' },
  unavailable: { slug: 'unavailable', status: 503, title: 'Service unavailable' },
} as const;

export type ProblemKind = keyof typeof problemTypes;

export function problemTypeUri(slug: string): string {
  return `${PROBLEM_BASE}${slug}`;
}

/** Thrown by use cases and handlers; the error handler turns it into problem+json. */
export class AppError extends Error {
  override name = 'AppError';
  readonly kind: ProblemKind;
  /** A more specific stable slug than the kind's, e.g. "invitation-used". */
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    kind: ProblemKind,
    detail: string,
    options: { code?: string; errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.kind = kind;
    this.code = options.code ?? problemTypes[kind].slug;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }

  toProblem(instance?: string): Problem {
    const type = problemTypes[this.kind];
    return {
      type: problemTypeUri(this.code),
      title: type.title,
      status: type.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}
