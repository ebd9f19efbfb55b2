import type { FieldError, Problem } from '@resonance/contracts';

/**
 * An RFC 9457 problem returned by the API, kept as an Error so server code
 * can throw it and pages can turn it into a friendly message.
 */
export type FieldProblem = FieldError;
export type ProblemBody = Problem;

export class ApiProblem extends Error {
  override name = 'ApiProblem';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  /** Members beyond the standard ones, e.g. the organisations to choose from at login. */
  readonly extensions: Record<string, unknown>;

  constructor(body: ProblemBody) {
    super(body.detail ?? body.title);
    const { type, title, status, detail, errors, instance: _instance, ...extensions } = body;
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = errors ?? [];
    this.extensions = extensions;
  }

  /** The last path segment of the type URI, e.g. "invitation-used". */
  get code(): string {
    return this.type.split('/').filter(Boolean).pop() ?? 'unknown';
  }

  toJSON(): ProblemBody {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      errors: this.errors,
    };
  }
}

function isProblemBody(value: unknown): value is ProblemBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.title === 'string';
}

/** Reads a failed response into an ApiProblem, whatever the body looks like. */
export async function problemFromResponse(response: Response): Promise<ApiProblem> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isProblemBody(body)) {
    return new ApiProblem({ ...body, type: typeof body.type === 'string' ? body.type : 'about:blank' });
  }
  return new ApiProblem({
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
  });
}

export function unreachableProblem(): ApiProblem {
  return new ApiProblem({
    type: 'https://resonance.dev/problems/unreachable',
    title: 'The Resonance API is not reachable',
    status: 503,
  });
}
