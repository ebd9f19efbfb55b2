import type { Problem } from '@resonance/contracts';
import { ApiProblem } from '@/lib/api/problem';

/** What a server action hands back to its form: data, or the API's problem as a plain object. */
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; problem: Problem };

/** Runs an API call in a server action; a problem becomes a result the form can show, anything else rethrows. */
export async function toActionResult<T>(call: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, problem: error.toJSON() };
    throw error;
  }
}
