/**
 * Every rule violation in the domain is a DomainError with a stable code, so
 * the HTTP layer can map codes to statuses without parsing messages.
 */
export type DomainErrorCode =
  | 'invalid_transition'
  | 'invalid_schedule'
  | 'invalid_reminder'
  | 'invalid_input'
  | 'invalid_score'
  | 'invalid_accumulator'
  | 'empty_sample'
  | 'unknown_item'
  | 'unknown_leader'
  | 'unknown_questionnaire_version'
  | 'results_not_released';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  /** Machine-readable specifics, e.g. the list of schedule issues. */
  readonly details: unknown;

  constructor(code: DomainErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
