import type { Prisma } from '@resonance/db';

type FactValue = Prisma.InputJsonValue | null;
type Facts = Record<string, FactValue>;
export type FieldChanges = Record<string, { from: FactValue; to: FactValue }>;

/**
 * The fields whose value differs between two snapshots, as `{ field: { from, to } }`: what an audit
 * event says about an edit. Values compare by their JSON form (arrays and dates included).
 */
export function changedFields<T extends Facts>(before: T, after: T): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after)) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
