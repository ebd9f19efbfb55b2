import type { BallotKeys } from '@resonance/api/ballot-box/ballot-keys';
import type pg from 'pg';
import type { ApiClient } from './api-client';
import type { BenchSize } from './config';
import { buildDataset, type OpenTiming } from './dataset';
import { alternate, dashboardRun, printRead, type ReadRun } from './read-bench';
import type { SmtpSink } from './smtp-sink';
import type { ApiTarget } from './submit-bench';

/** A round covers at most this many leaders (the contract's limit on leaderIds). */
export const MAX_ROUND_LEADERS = 1000;
export const SCALE_FACTOR = 10;

export interface ScaleComparison {
  leaders: number;
  /** Dashboard runs against the base organisation and the 10× one, alternating. */
  base: ReadRun[];
  scaled: ReadRun[];
  opens: OpenTiming[];
  closesMs: number[];
}

/** Whether the 10× organisation fits into single rounds (it does for --quick, not for the full size). */
export function scaleFits(size: BenchSize): boolean {
  return size.leaders * SCALE_FACTOR <= MAX_ROUND_LEADERS;
}

/**
 * A second organisation ten times the size in the same database, built the same way (its opens
 * and closes are timed too), then the dashboard of both read in alternation: a read that only
 * reads what the close stored should not care how large the organisation is.
 */
export async function compareAtScale({
  api,
  pool,
  smtp,
  keys,
  size,
  target,
  base,
  log,
}: {
  api: ApiClient;
  pool: pg.Pool;
  smtp: SmtpSink;
  keys: BallotKeys;
  size: BenchSize;
  target: ApiTarget;
  base: { adminToken: string; roundId: string; leaderIds: string[] };
  log: (message: string) => void;
}): Promise<ScaleComparison> {
  const leaders = size.leaders * SCALE_FACTOR;
  const scaled = await buildDataset({
    api,
    pool,
    smtp,
    keys,
    plan: {
      label: 'scale',
      shape: { leaders, reportsPerLeader: size.reportsPerLeader, leadersPerHead: size.leadersPerHead },
      historyRounds: size.historyRounds,
      tokensNeeded: 0,
    },
    sampler: target.sampler,
    log,
  });
  const scaledLeaderIds = scaled.org.leaders.map((leader) => leader.id);
  const runs = await alternate(
    size.reps,
    {
      base: () =>
        dashboardRun(target, base.adminToken, base.roundId, base.leaderIds, size.dashboardRequestsPerRun),
      scaled: () =>
        dashboardRun(
          target,
          scaled.adminToken,
          scaled.closedRoundIds.at(-1)!,
          scaledLeaderIds,
          size.dashboardRequestsPerRun,
        ),
    },
    printRead(log, 'dashboard'),
  );
  return { leaders, ...runs, opens: scaled.opens, closesMs: scaled.closesMs };
}
