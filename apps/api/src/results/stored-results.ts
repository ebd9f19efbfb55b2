import type { Db, Prisma } from '@resonance/db';
import {
  assertResultsReleased,
  effectiveThreshold,
  type GatedStats,
  normalizeAnonymityThreshold,
  type RoundState,
  storedBenchmarkStats,
  THESIS_KEYS,
  type ThesisAccumulator,
  type ThesisKey,
} from '@resonance/domain';
import { AppError } from '../errors/problem';
import {
  heatmapOrgAverage,
  leaderResultPayload,
  type StoredLeaderResult,
  type StoredSelfScores,
} from './leader-result-payload';
import { groupsOf, loadRollups } from './rollups';
import { computeBenchmark, roundBenchmark } from './round-benchmark';

/**
 * The stored results of closed rounds (tables leader_results and round_heatmaps): written when a
 * round closes, read by dashboards, the heatmap and the export. This is the one place with their
 * SQL. Reads go through the plain pg pool (Prisma costs about a millisecond of CPU per query, more
 * than the rest of a dashboard read). A row is keyed by the k it was gated for; a read asks for the
 * round's k as it applies now (effectiveThreshold) and, when the organisation has raised k since the
 * close (or the round closed before results were stored), computes the row through the gate and
 * stores it first, as round_benchmarks does. A row for another k is never served. Before retention
 * deletes a round's raw comments, it stores the rows for every k the round can still be read for
 * (apps/api/src/retention/delete-raw-answers.ts); computing one afterwards is refused.
 */

type Client = Db | Prisma.TransactionClient;

/** Leaders per INSERT at close: one statement per 500 leaders. */
const LEADERS_PER_INSERT = 500;

/**
 * The k a round's figures use, in SQL (mirrors effectiveThreshold, so the read fetches only the
 * rows it needs; the caller still checks every row's k against the domain's function).
 */
const EFFECTIVE_K_SQL =
  'GREATEST(3, LEAST(10, GREATEST(COALESCE(r.anonymity_threshold, 0), o.anonymity_threshold)))';

// ---------------------------------------------------------------- writing

/**
 * Gates and stores every result of a closed round for k: the organisation benchmark, one row per
 * leader the round covered, and the heatmap's organisation average. Runs in the closing
 * transaction after the round units are settled (withheld groups are final), and again for a k
 * raised later. Rows already stored for this k are kept (their comment order stays fixed).
 */
export async function storeRoundResults(
  client: Client,
  { roundId, k: requestedK, random }: { roundId: string; k: number; random: () => number },
): Promise<void> {
  const k = normalizeAnonymityThreshold(requestedK);
  const round = await client.round.findUniqueOrThrow({
    where: { id: roundId },
    select: {
      raterGroups: true,
      smallTeamMode: true,
      anonymityThreshold: true,
      rawAnswersDeletedAt: true,
      subjects: { select: { leaderId: true } },
    },
  });
  refuseWithoutRawComments(roundId, k, round.rawAnswersDeletedAt);
  const rollups = await loadRollups(client, { roundIds: [roundId] });
  await computeBenchmark(client, roundId, k, rollups);
  const comments = await client.comment.findMany({
    where: { roundId },
    select: { leaderId: true, raterGroup: true, kind: true, thesisKey: true, text: true },
  });
  const rollupsByLeader = groupBy(rollups, (rollup) => rollup.leaderId);
  const commentsByLeader = groupBy(comments, (comment) => comment.leaderId);
  const leaderIds = round.subjects.map((subject) => subject.leaderId);
  for (let start = 0; start < leaderIds.length; start += LEADERS_PER_INSERT) {
    const rows = leaderIds.slice(start, start + LEADERS_PER_INSERT).map((leaderId) => ({
      leaderId,
      ...leaderResultPayload({
        k,
        groups: groupsOf(rollupsByLeader.get(leaderId) ?? [], roundId, leaderId, round.raterGroups),
        comments: commentsByLeader.get(leaderId) ?? [],
        random,
        smallTeamMode: round.smallTeamMode,
        roundK: round.anonymityThreshold,
      }),
    }));
    await insertLeaderResults(client, roundId, rows);
  }
  const orgAverage = JSON.stringify(heatmapOrgAverage(k, rollups));
  await client.$executeRaw`
    INSERT INTO round_heatmaps (round_id, k, org_average) VALUES (${roundId}::uuid, ${k}::int, ${orgAverage}::jsonb)
    ON CONFLICT DO NOTHING`;
}

/** One leader's row for k, computed on first read (a k raised after close, or an older round). */
async function storeLeaderResult(
  db: Db,
  { roundId, leaderId, k, random }: { roundId: string; leaderId: string; k: number; random: () => number },
): Promise<{ result: StoredLeaderResult; self: StoredSelfScores | null }> {
  const [round, rollups, comments] = await Promise.all([
    db.round.findUniqueOrThrow({
      where: { id: roundId },
      select: { raterGroups: true, smallTeamMode: true, anonymityThreshold: true, rawAnswersDeletedAt: true },
    }),
    loadRollups(db, { roundIds: [roundId], leaderId }),
    db.comment.findMany({
      where: { roundId, leaderId },
      select: { raterGroup: true, kind: true, thesisKey: true, text: true },
    }),
  ]);
  refuseWithoutRawComments(roundId, k, round.rawAnswersDeletedAt);
  const computed = leaderResultPayload({
    k,
    groups: groupsOf(rollups, roundId, leaderId, round.raterGroups),
    comments,
    random,
    smallTeamMode: round.smallTeamMode,
    roundK: round.anonymityThreshold,
  });
  const inserted = await insertLeaderResults(db, roundId, [{ leaderId, ...computed }]);
  if (inserted > 0) return computed;
  // A concurrent reader stored it first: serve theirs, so the comment order is the same for all.
  const { rows } = await db.pool.query<{
    others: unknown;
    combined: unknown;
    groups: unknown;
    comments: unknown;
    self_scores: unknown;
  }>(
    'SELECT others, combined, groups, comments, self_scores FROM leader_results WHERE round_id = $1 AND leader_id = $2 AND k = $3',
    [roundId, leaderId, k],
  );
  const row = rows[0]!;
  return {
    result: {
      k,
      others: row.others,
      combined: row.combined,
      groups: row.groups,
      comments: row.comments,
    } as StoredLeaderResult,
    self: row.self_scores as StoredSelfScores | null,
  };
}

/**
 * Results are computed from the rollups and the raw comments. Once retention deleted the comments,
 * a result computed again would silently lack them; the retention job stores every k a round can be
 * read for first, so reaching this for such a round is a bug, and it fails loudly instead.
 */
function refuseWithoutRawComments(roundId: string, k: number, rawAnswersDeletedAt: Date | null): void {
  if (rawAnswersDeletedAt) {
    throw new Error(`round ${roundId}: no stored result for k = ${k}, and its raw comments are deleted`);
  }
}

async function insertLeaderResults(
  client: Client,
  roundId: string,
  rows: readonly { leaderId: string; result: StoredLeaderResult; self: StoredSelfScores | null }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  // One statement for the batch: a column per array, unnested into rows.
  const leaderIds = rows.map((row) => row.leaderId);
  const ks = rows.map((row) => row.result.k);
  const others = rows.map((row) => json(row.result.others));
  const combined = rows.map((row) => json(row.result.combined));
  const groups = rows.map((row) => json(row.result.groups));
  const comments = rows.map((row) => json(row.result.comments));
  const selfScores = rows.map((row) => json(row.self));
  return client.$executeRaw`
    INSERT INTO leader_results (round_id, leader_id, k, others, combined, groups, comments, self_scores)
    SELECT ${roundId}::uuid, leader_id, k, others, combined, groups, comments, self_scores
    FROM unnest(${leaderIds}::uuid[], ${ks}::int[], ${others}::jsonb[], ${combined}::jsonb[],
                ${groups}::jsonb[], ${comments}::jsonb[], ${selfScores}::jsonb[])
      AS batch(leader_id, k, others, combined, groups, comments, self_scores)
    ON CONFLICT DO NOTHING`;
}

// ---------------------------------------------------------------- a leader's dashboard

/** One closed round of a leader with what the dashboard needs of it, for the round's k now. */
export interface StoredLeaderRound {
  id: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  questionnaireVersion: number;
  /** The round the dashboard is about (the requested one, or the latest). */
  selected: boolean;
  k: number;
  /** The leader's figure per thesis: the combined one where small-team mode combined the groups. */
  others: StoredLeaderResult['others'];
  /** Small-team mode combined this leader's groups in this round. */
  combinedGroups: boolean;
  /** Only for the selected round. */
  groups: StoredLeaderResult['groups'] | null;
  comments: StoredLeaderResult['comments'] | null;
  /** Only when the leader reads their own results. */
  self: StoredSelfScores | null;
  benchmark: Record<ThesisKey, GatedStats>;
}

interface DashboardRow {
  leader_name: string;
  round_id: string | null;
  round_name: string;
  opens_at: Date;
  closes_at: Date;
  round_k: number | null;
  org_k: number;
  questionnaire_version: number;
  selected: boolean;
  k: number | null;
  others: StoredLeaderResult['others'] | null;
  combined: StoredLeaderResult['combined'];
  groups: StoredLeaderResult['groups'] | null;
  comments: StoredLeaderResult['comments'] | null;
  self_scores: StoredSelfScores | null;
  benchmark: BenchmarkRow[] | null;
}

/** [thesis_key, shown, n, sum, sum_squares, favourable, distribution] */
type BenchmarkRow = [string, boolean, number, number, number, number, number[]];

const dashboardSql = (includeSelf: boolean) => `
SELECT p.name AS leader_name, x.*
FROM people p
JOIN organisations o ON o.id = p.org_id
LEFT JOIN LATERAL (
  SELECT r.id AS round_id, r.name AS round_name,
         r.opens_at AT TIME ZONE 'UTC' AS opens_at, r.closes_at AT TIME ZONE 'UTC' AS closes_at,
         r.anonymity_threshold AS round_k, o.anonymity_threshold AS org_k,
         q.version AS questionnaire_version,
         r.id = COALESCE($3::uuid, first_value(r.id) OVER latest) AS selected,
         lr.k, lr.others, lr.combined,
         CASE WHEN r.id = COALESCE($3::uuid, first_value(r.id) OVER latest) THEN lr.groups END AS groups,
         CASE WHEN r.id = COALESCE($3::uuid, first_value(r.id) OVER latest) THEN lr.comments END AS comments,
         ${includeSelf ? 'lr.self_scores' : 'NULL::jsonb'} AS self_scores,
         (SELECT json_agg(json_build_array(b.thesis_key, b.shown, b.n, b.sum, b.sum_squares, b.favourable, b.distribution))
            FROM round_benchmarks b WHERE b.round_id = r.id AND b.k = ${EFFECTIVE_K_SQL}) AS benchmark
  FROM round_subjects s
  JOIN rounds r ON r.id = s.round_id
  JOIN questionnaire_versions q ON q.id = r.questionnaire_version_id
  LEFT JOIN leader_results lr
    ON lr.round_id = r.id AND lr.leader_id = s.leader_id AND lr.k = ${EFFECTIVE_K_SQL}
  WHERE s.leader_id = p.id AND r.org_id = p.org_id AND r.state IN ('closed', 'archived')
  WINDOW latest AS (ORDER BY r.closes_at DESC, r.id DESC)
) x ON true
WHERE p.id = $1 AND p.org_id = $2
ORDER BY x.closes_at, x.round_id`;

const DASHBOARD_SQL = dashboardSql(false);
const DASHBOARD_SQL_WITH_SELF = dashboardSql(true);

const connectionIds = new WeakMap<object, number>();
let nextConnectionId = 0;

/**
 * A query as a prepared statement of its connection, so PostgreSQL plans the dashboard's joins
 * once per connection instead of on every read (planning cost more than running it). The name
 * carries a number per connection: the embedded database serves all connections in one session,
 * where two connections preparing the same name would collide.
 */
async function preparedQuery<Row extends object>(
  db: Db,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const client = await db.pool.connect();
  let failed: Error | undefined;
  try {
    let id = connectionIds.get(client);
    if (id === undefined) {
      id = nextConnectionId++;
      connectionIds.set(client, id);
    }
    return (await client.query<Row>({ name: `${name}-${id}`, text, values })).rows;
  } catch (error) {
    failed = error as Error;
    throw error;
  } finally {
    // As pool.query does: a connection that failed a query is not handed out again.
    client.release(failed);
  }
}

/**
 * A leader's closed rounds, oldest first, each with its stored result and benchmark for the k that
 * applies now: one indexed query, whatever the size of the organisation. Null when the leader is
 * not a person of this organisation; no rounds when nothing has closed for them yet.
 */
export async function readLeaderRounds(
  db: Db,
  {
    orgId,
    leaderId,
    roundId,
    includeSelf,
    random,
  }: {
    orgId: string;
    leaderId: string;
    roundId?: string | undefined;
    includeSelf: boolean;
    random: () => number;
  },
): Promise<{ leaderName: string; rounds: StoredLeaderRound[] } | null> {
  const rows = await preparedQuery<DashboardRow>(
    db,
    includeSelf ? 'stored-leader-dashboard-self' : 'stored-leader-dashboard',
    includeSelf ? DASHBOARD_SQL_WITH_SELF : DASHBOARD_SQL,
    [leaderId, orgId, roundId ?? null],
  );
  const first = rows[0];
  if (!first) return null;
  const rounds: StoredLeaderRound[] = [];
  for (const row of rows) {
    if (row.round_id === null) continue;
    const k = effectiveThreshold(row.round_k, row.org_k);
    let stored = row.k === k && row.others ? row : null;
    if (!stored) {
      const computed = await storeLeaderResult(db, { roundId: row.round_id, leaderId, k, random });
      stored = {
        ...row,
        k,
        others: computed.result.others,
        combined: computed.result.combined,
        groups: row.selected ? computed.result.groups : null,
        comments: row.selected ? computed.result.comments : null,
        self_scores: includeSelf ? computed.self : null,
      };
    }
    const benchmark = benchmarkStats(row.benchmark) ?? (await roundBenchmark(db, row.round_id, k));
    rounds.push({
      id: row.round_id,
      name: row.round_name,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      questionnaireVersion: row.questionnaire_version,
      selected: row.selected,
      k,
      // Small-team mode: the leader's report shows the combined figure, trend point included.
      others: stored.combined ?? stored.others!,
      combinedGroups: stored.combined !== null,
      groups: stored.groups,
      comments: stored.comments,
      self: includeSelf ? stored.self_scores : null,
      benchmark,
    });
  }
  return { leaderName: first.leader_name, rounds };
}

function benchmarkStats(rows: BenchmarkRow[] | null): Record<ThesisKey, GatedStats> | null {
  if (!rows || rows.length !== THESIS_KEYS.length) return null;
  const byThesis = new Map(rows.map((row) => [row[0], row]));
  const stats = {} as Record<ThesisKey, GatedStats>;
  for (const thesis of THESIS_KEYS) {
    const row = byThesis.get(thesis);
    if (!row) return null;
    const [, shown, n, sum, sumSquares, favourable, distribution] = row;
    const acc: ThesisAccumulator | null = shown
      ? { n, sum, sumSquares, favourable, distribution: distribution as ThesisAccumulator['distribution'] }
      : null;
    stats[thesis] = storedBenchmarkStats(acc);
  }
  return stats;
}

// ---------------------------------------------------------------- a round for admins

export interface StoredRoundResults {
  round: { id: string; name: string; opensAt: Date; closesAt: Date };
  k: number;
  /** Every leader the round covered, by name. */
  leaders: {
    id: string;
    name: string;
    email: string;
    others: StoredLeaderResult['others'];
    /** Only when asked for (the export). */
    groups: StoredLeaderResult['groups'] | null;
  }[];
  orgAverage: Record<ThesisKey, GatedStats>;
}

const byName = new Intl.Collator();

/**
 * A closed round's stored results for admins (heatmap, export): two indexed queries. Never the
 * leaders' self-assessments. Computes and stores the round for its k first where it is missing.
 */
export async function readRoundResults(
  db: Db,
  {
    orgId,
    roundId,
    withGroups,
    random,
  }: { orgId: string; roundId: string; withGroups: boolean; random: () => number },
): Promise<StoredRoundResults> {
  const { rows } = await db.pool.query<{
    id: string;
    name: string;
    state: RoundState;
    opens_at: Date;
    closes_at: Date;
    round_k: number | null;
    org_k: number;
    heatmaps: [number, Record<ThesisKey, GatedStats>][] | null;
  }>({
    text: `SELECT r.id, r.name, r.state, r.opens_at AT TIME ZONE 'UTC' AS opens_at,
                  r.closes_at AT TIME ZONE 'UTC' AS closes_at,
                  r.anonymity_threshold AS round_k, o.anonymity_threshold AS org_k,
                  (SELECT json_agg(json_build_array(h.k, h.org_average)) FROM round_heatmaps h
                    WHERE h.round_id = r.id) AS heatmaps
           FROM rounds r JOIN organisations o ON o.id = r.org_id
           WHERE r.id = $1 AND r.org_id = $2`,
    values: [roundId, orgId],
  });
  const round = rows[0];
  if (!round) throw new AppError('notFound', 'No such round.');
  assertResultsReleased(round.state);
  const k = effectiveThreshold(round.round_k, round.org_k);
  let orgAverage = round.heatmaps?.find(([storedK]) => storedK === k)?.[1];
  let leaders = await readRoundLeaders(db, roundId, k, withGroups);
  if (!orgAverage || !leaders) {
    await storeRoundResults(db, { roundId, k, random });
    const { rows: stored } = await db.pool.query<{ org_average: Record<ThesisKey, GatedStats> }>(
      'SELECT org_average FROM round_heatmaps WHERE round_id = $1 AND k = $2',
      [roundId, k],
    );
    orgAverage = stored[0]!.org_average;
    leaders = (await readRoundLeaders(db, roundId, k, withGroups))!;
  }
  return {
    round: { id: round.id, name: round.name, opensAt: round.opens_at, closesAt: round.closes_at },
    k,
    leaders: leaders.sort((a, b) => byName.compare(a.name, b.name)),
    orgAverage,
  };
}

/** The round's leaders with their stored rows for k; null when any row is still missing. */
async function readRoundLeaders(
  db: Db,
  roundId: string,
  k: number,
  withGroups: boolean,
): Promise<StoredRoundResults['leaders'] | null> {
  const { rows } = await db.pool.query<{
    id: string;
    name: string;
    email: string;
    others: StoredLeaderResult['others'] | null;
    groups: StoredLeaderResult['groups'] | null;
  }>({
    text: `SELECT p.id, p.name, p.email, lr.others, ${withGroups ? 'lr.groups' : 'NULL::jsonb AS groups'}
           FROM round_subjects s
           JOIN people p ON p.id = s.leader_id
           LEFT JOIN leader_results lr ON lr.round_id = s.round_id AND lr.leader_id = s.leader_id AND lr.k = $2
           WHERE s.round_id = $1`,
    values: [roundId, k],
  });
  if (rows.some((row) => row.others === null)) return null;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    others: row.others!,
    groups: row.groups,
  }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
