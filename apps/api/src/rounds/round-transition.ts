import type { Prisma } from '@resonance/db';
import { canTransition, DomainError, ROUND_STATES, type RoundEvent, transition } from '@resonance/domain';
import { AppError } from '../errors/problem';

/**
 * Moves a round by one event of the domain state machine as a conditional update
 * (`UPDATE rounds SET state = <to> WHERE id = … AND state = <from>`). Of two callers racing (an
 * admin and the scheduler, or two API instances), exactly one updates the row; the other gets the
 * domain's invalid_transition error and must not repeat the side effects.
 */
export async function applyRoundTransition(
  tx: Prisma.TransactionClient,
  {
    roundId,
    orgId,
    event,
    data = {},
  }: {
    roundId: string;
    orgId?: string | undefined;
    event: RoundEvent;
    data?: Prisma.RoundUpdateManyMutationInput;
  },
): Promise<void> {
  const from = ROUND_STATES.filter((state) => canTransition(state, event));
  const [source] = from;
  if (!source || from.some((state) => transition(state, event) !== transition(source, event))) {
    throw new DomainError('invalid_transition', `No single target state for ${event}`);
  }
  const scope = { id: roundId, ...(orgId ? { orgId } : {}) };
  const { count } = await tx.round.updateMany({
    where: { ...scope, state: { in: from } },
    data: { ...data, state: transition(source, event) },
  });
  if (count === 1) return;
  const current = await tx.round.findFirst({ where: scope, select: { state: true } });
  if (!current) throw new AppError('notFound', 'No such round.');
  transition(current.state, event);
  throw new DomainError('invalid_transition', `Cannot ${event} the round now`, {
    state: current.state,
    event,
  });
}
