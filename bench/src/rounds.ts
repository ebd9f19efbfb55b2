import { performance } from 'node:perf_hooks';
import { submitRequest } from './answers';
import type { ApiClient } from './api-client';
import type { RaterInvitation } from './invitations';
import { httpLoad, type LoadResult, nextRaterAddress } from './load';

const HOUR = 3_600_000;

/** Rater groups of every bench round: direct reports only, so 500 leaders × 10 give 5,000 invitations. */
export const RATER_GROUPS = ['direct_report'] as const;

/** A round of these leaders through POST /rounds: opens an hour ago, closes in two weeks. */
export async function createRound(
  api: ApiClient,
  token: string,
  { name, leaderIds, schedule }: { name: string; leaderIds: string[]; schedule: boolean },
): Promise<string> {
  const opensAt = new Date(Date.now() - HOUR);
  const closesAt = new Date(opensAt.getTime() + 14 * 24 * HOUR);
  const round = await api.call<{ id: string }>('POST', '/api/v1/rounds', {
    token,
    body: {
      name,
      leaderIds,
      raterGroups: RATER_GROUPS,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      schedule,
    },
  });
  return round.id;
}

/** POST /rounds/:id/open, timed: issues the invitations and queues their emails. */
export async function openRound(api: ApiClient, token: string, roundId: string) {
  const started = performance.now();
  const result = await api.call<{ invitationsCreated: number; emailsQueued: number }>(
    'POST',
    `/api/v1/rounds/${roundId}/open`,
    { token },
  );
  return { ms: performance.now() - started, ...result };
}

/** POST /rounds/:id/close, timed: empties the ballot box and computes the rollups. */
export async function closeRound(api: ApiClient, token: string, roundId: string): Promise<number> {
  const started = performance.now();
  await api.call('POST', `/api/v1/rounds/${roundId}/close`, { token });
  return performance.now() - started;
}

/** Answers through the survey API, `concurrency` raters at a time, each from their own address. */
export function answerInvitations(
  baseUrl: string,
  invitations: readonly RaterInvitation[],
  { concurrency, seed }: { concurrency: number; seed: number },
): Promise<LoadResult> {
  return httpLoad({
    baseUrl,
    total: invitations.length,
    concurrency,
    okStatus: 201,
    request: (index) => submitRequest(invitations[index]!.token, seed + index, nextRaterAddress()),
  });
}

/** Which raters answer a history round: a fixed ~80 % of them (the rest stay silent). */
export function participating(invitations: readonly RaterInvitation[], round: number): RaterInvitation[] {
  return invitations.filter((_, index) => (index * 7 + round * 3) % 10 < 8);
}
