import { performance } from 'node:perf_hooks';
import type { BallotKeys } from '@resonance/api/ballot-box/ballot-keys';
import type pg from 'pg';
import type { ApiClient } from './api-client';
import { CONCURRENCY } from './config';
import { invitationsOf, TokenSupply } from './invitations';
import { adminLogin, buildOrganisation, leaderLogin, type Organisation, type OrgShape } from './organisation';
import { cpuMs, type RssSampler } from './process-sampler';
import { type InvitationCopy, rawOpenInsert } from './raw-sql';
import { answerInvitations, closeRound, createRound, openRound, participating } from './rounds';
import type { SmtpSink } from './smtp-sink';

export interface OpenTiming {
  invitations: number;
  /** The reply: invitations created and their emails queued, in one transaction. */
  apiMs: number;
  /** From the request until the last of its emails arrived at the SMTP sink (the mail queue drained). */
  sentMs: number;
  /** CPU of the API process during the request, then while its queue was sent. */
  apiCpuMs: number;
  sendCpuMs: number;
  rawMs: number;
}

export interface Dataset {
  org: Organisation;
  adminToken: string;
  leaderToken: string;
  /** The closed rounds, oldest first; the last one is what the read benchmarks read. */
  closedRoundIds: string[];
  opens: OpenTiming[];
  closesMs: number[];
  /** Unused invitations of the open load rounds, for the submit measurements. */
  tokens: TokenSupply;
  answersBuilt: number;
}

export interface DatasetPlan {
  label: string;
  shape: OrgShape;
  historyRounds: number;
  /** How many fresh invitations the measurements will use up. */
  tokensNeeded: number;
}

type Log = (message: string) => void;

/**
 * Builds the organisation and its history through the API, as an admin and raters would: signup,
 * CSV import, then per history round create → open → ~80 % of raters answer → close, then enough
 * open "load" rounds for the submit measurements. Opening (invitations, emails over SMTP) and
 * closing are timed (rows of the table); after each open the same invitations are inserted with
 * raw SQL for the limit, alternating with the API.
 */
export async function buildDataset({
  api,
  pool,
  keys,
  plan,
  smtp,
  sampler,
  log,
}: {
  api: ApiClient;
  pool: pg.Pool;
  smtp: SmtpSink;
  keys: BallotKeys;
  plan: DatasetPlan;
  sampler: RssSampler;
  log: Log;
}): Promise<Dataset> {
  const apiPid = sampler.pid;
  const org = await buildOrganisation(api, pool, plan.shape, plan.label);
  log(`  organisation: ${org.people} people imported, ${org.leaders.length} leaders`);
  const adminToken = await adminLogin(api, plan.label);
  const leaderToken = await leaderLogin(api, smtp, adminToken, org.leaders[0]!);
  const leaderIds = org.leaders.map((leader) => leader.id);
  const draftRoundId = await createRound(api, adminToken, {
    name: 'Bench draft',
    leaderIds,
    schedule: false,
  });

  const opens: OpenTiming[] = [];
  const open = async (name: string) => {
    const roundId = await createRound(api, adminToken, { name, leaderIds, schedule: true });
    const since = performance.now();
    const mailsBefore = smtp.received();
    const apiCpuBefore = cpuMs(apiPid);
    const opened = await sampler.during('opening', () => openRound(api, adminToken, roundId));
    const apiCpuMs = cpuMs(apiPid) - apiCpuBefore;
    // The API's mail sender sends the queue after the reply; wait for it so it does not disturb what follows.
    const lastMail = await sampler.during('opening', () =>
      smtp.arrivalOf(mailsBefore + opened.emailsQueued, 10 * 60_000),
    );
    const sentMs = lastMail - since;
    const sendCpuMs = cpuMs(apiPid) - apiCpuBefore - apiCpuMs;
    const rawMs = await rawOpenLimit(pool, keys, roundId, draftRoundId);
    opens.push({
      invitations: opened.invitationsCreated,
      apiMs: opened.ms,
      sentMs,
      apiCpuMs,
      sendCpuMs,
      rawMs,
    });
    return { roundId, ...opened };
  };

  const closedRoundIds: string[] = [];
  const closesMs: number[] = [];
  let answersBuilt = 0;
  for (let round = 0; round < plan.historyRounds; round++) {
    const { roundId, ms, invitationsCreated } = await open(`History ${round + 1}`);
    const { sentMs, apiCpuMs, sendCpuMs } = opens.at(-1)!;
    const answering = participating(await invitationsOf(pool, keys, [roundId]), round);
    const answered = await sampler.during('load', () =>
      answerInvitations(api.baseUrl, answering, { concurrency: CONCURRENCY.build, seed: round * 100_000 }),
    );
    if (answered.ok !== answering.length) {
      throw new Error(`history round ${round + 1}: ${JSON.stringify(answered.outcomes)}`);
    }
    answersBuilt += answered.ok;
    const closeMs = await sampler.during('closing', () => closeRound(api, adminToken, roundId));
    closesMs.push(closeMs);
    closedRoundIds.push(roundId);
    log(
      `  history ${round + 1}/${plan.historyRounds}: open ${Math.round(ms)} ms (${invitationsCreated} invitations ` +
        `and their emails queued; API CPU ${Math.round(apiCpuMs)} ms), all emails at the sink after ` +
        `${Math.round(sentMs)} ms (API CPU sending ${Math.round(sendCpuMs)} ms), ` +
        `${answered.ok} answers at ${Math.round(answered.okPerSecond)}/s, close ${Math.round(closeMs)} ms`,
    );
  }

  const perRound = plan.shape.leaders * plan.shape.reportsPerLeader;
  const loadRoundIds: string[] = [];
  for (let round = 0; round < Math.ceil(plan.tokensNeeded / perRound); round++) {
    loadRoundIds.push((await open(`Load ${round + 1}`)).roundId);
  }
  log(`  ${loadRoundIds.length} open load rounds (${loadRoundIds.length * perRound} invitations)`);
  const tokens = new TokenSupply(await invitationsOf(pool, keys, loadRoundIds));
  return { org, adminToken, leaderToken, closedRoundIds, opens, closesMs, tokens, answersBuilt };
}

/** The raw-SQL limit of the open just done: its invitations as one multi-row insert. */
async function rawOpenLimit(
  pool: pg.Pool,
  keys: BallotKeys,
  roundId: string,
  draftRoundId: string,
): Promise<number> {
  const { rows: invitations } = await pool.query<InvitationCopy>(
    `SELECT leader_id AS "leaderId", rater_id AS "raterId", rater_group AS "raterGroup", locale
     FROM invitations WHERE round_id = $1`,
    [roundId],
  );
  return rawOpenInsert(pool, { draftRoundId, invitationToken: keys.invitationToken, invitations });
}
