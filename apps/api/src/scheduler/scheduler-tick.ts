import { type AdvanceOutcome, advanceRound, type SchedulerDependencies } from './advance-round';

export interface TickSummary {
  opened: string[];
  reminded: string[];
  closed: string[];
  failed: string[];
}

/**
 * The safety sweep: advances every round that may have something due at `now`, across all
 * organisations. It covers restarts, edited dates and lost jobs; run every minute, and callable
 * directly with an injected `now` in tests.
 */
export async function runSchedulerTick(deps: SchedulerDependencies, now: Date): Promise<TickSummary> {
  const candidates = await deps.db.round
    .findMany({
      where: { OR: [{ state: 'scheduled', opensAt: { lte: now } }, { state: 'open' }] },
      select: { id: true },
      orderBy: { opensAt: 'asc' },
    })
    .catch((error: unknown) => {
      deps.metrics?.job('sweep', 'failed');
      throw error;
    });
  const summary: TickSummary = { opened: [], reminded: [], closed: [], failed: [] };
  for (const { id } of candidates) {
    let outcome: AdvanceOutcome;
    try {
      outcome = await advanceRound(deps, { roundId: id, now });
    } catch (error) {
      // One broken round must not stop the others; it is retried on the next tick.
      deps.log?.error({ roundId: id, err: error }, 'scheduler could not advance round');
      summary.failed.push(id);
      continue;
    }
    if (outcome.opened) summary.opened.push(id);
    if (outcome.reminded) summary.reminded.push(id);
    if (outcome.closed) summary.closed.push(id);
  }
  // Counted, not timed: a sweep may send a reminder (see advance-round.ts).
  deps.metrics?.job('sweep', summary.failed.length > 0 ? 'failed' : 'done');
  return summary;
}
