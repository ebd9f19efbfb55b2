import { Prisma } from './generated/prisma/client';

/** Prisma's error codes that callers map to domain outcomes. */
export const PrismaErrorCode = {
  uniqueViolation: 'P2002',
  foreignKeyViolation: 'P2003',
  recordNotFound: 'P2025',
} as const;

export function isPrismaError(error: unknown, code: (typeof PrismaErrorCode)[keyof typeof PrismaErrorCode]) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

/** Prisma's codes for "the database is not there", as opposed to a failed statement. */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The driver adapter's kinds for the same. */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** Socket errors, and PostgreSQL's classes 08 (connection) and 57P (shutdown), 53300 (too many clients). */
const UNAVAILABLE_CODE =
  /^(E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|NOTFOUND|HOSTUNREACH|NETUNREACH|AI_AGAIN)|08...|57P0[1-3]|53300)$/;
/** node-postgres raises these without a code. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether an error means the database is down, unreachable, frozen or overloaded — an outage the
 * API answers with 503 and "try again", not a bug it answers with 500. Looks through Prisma's
 * wrapper, the driver adapter's error and `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const candidate = current as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (typeof candidate.code === 'string') {
      if (UNAVAILABLE_PRISMA_CODES.has(candidate.code) || UNAVAILABLE_CODE.test(candidate.code)) return true;
    }
    if (typeof candidate.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(candidate.kind)) return true;
    if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return false;
}
