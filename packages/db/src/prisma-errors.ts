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
