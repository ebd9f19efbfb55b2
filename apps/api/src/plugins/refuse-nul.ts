import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type FieldError } from '../errors/problem';

const NUL = '\u0000';
/** Enough to name the fields of a broken form; a hostile body may have thousands. */
const MAX_REPORTED = 20;

/**
 * Refuses a NUL character (U+0000) anywhere in a request's path parameters, query or body, before
 * validation: PostgreSQL cannot store it in text, so it would otherwise fail deep inside a write —
 * or, in a sealed survey answer, only when the round closes. No legitimate text contains one.
 */
export const refuseNul = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const found: FieldError[] = [];
      collectNul(request.params, 'params', found);
      collectNul(request.query, 'querystring', found);
      collectNul(request.body, 'body', found);
      if (found.length > 0) {
        throw new AppError('validation', 'Text must not contain the NUL character (U+0000).', {
          code: 'nul-character',
          errors: found,
        });
      }
    });
  },
  { name: 'refuse-nul' },
);

function collectNul(value: unknown, path: string, found: FieldError[], depth = 0): void {
  if (found.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    if (value.includes(NUL))
      found.push({ field: path, message: 'contains a NUL character', code: 'nul_character' });
    return;
  }
  // Bodies are parsed JSON (a tree); the depth guard only bounds the walk.
  if (value === null || typeof value !== 'object' || depth > 64) return;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes(NUL)) {
      found.push({ field: path, message: 'has a field name with a NUL character', code: 'nul_character' });
      return;
    }
    collectNul(child, `${path}.${key}`, found, depth + 1);
  }
}
