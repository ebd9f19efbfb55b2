import { randomUUID } from 'node:crypto';
import type { Db } from '@resonance/db';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import { hashInvitationToken } from '../ballot-box/ballot-keys';
import { fixFollowUpItems } from '../focus/follow-up-items';
import { queueInvitationEmails } from '../mail/mail-queue';
import { planInvitations } from './plan-invitations';
import { applyRoundTransition } from './round-transition';

export interface OpenRoundResult {
  roundId: string;
  invitationsCreated: number;
  /** Invitation emails put into the mail queue; the mail sender sends them after the commit. */
  emailsQueued: number;
}

/**
 * Opens a scheduled round exactly once and issues one single-use invitation per (leader, rater,
 * group) from the org chart. In the same transaction the round fixes the k it promises (the
 * organisation's k now; its results never use less), records per leader × group how many were
 * invited and how many of them are newcomers (so later edits of the org chart change neither the
 * round's counts nor its warnings), and queues one invitation email per invitation: a failed open
 * queues nothing, a committed one loses no email. Tokens are derived from the invitation ids with
 * the ballot secret, so only their hashes are stored, the queue holds none, and a reminder can
 * resend the same link. A round whose closing time has already passed (the server was down through
 * its whole window) opens without emails, and so do rounds opened with `queueEmails: false` (the
 * demo's history).
 */
export async function openRound({
  db,
  ballotKeys,
  roundId,
  orgId,
  now,
  queueEmails = true,
}: {
  db: Db;
  ballotKeys: BallotKeys;
  roundId: string;
  /** The caller's organisation; omitted by the scheduler, which acts for every organisation. */
  orgId?: string | undefined;
  now: Date;
  queueEmails?: boolean;
}): Promise<OpenRoundResult> {
  return db.$transaction(
    async (tx) => {
      await applyRoundTransition(tx, { roundId, orgId, event: 'open', data: { openedAt: now } });
      const round = await tx.round.findUniqueOrThrow({
        where: { id: roundId },
        select: {
          orgId: true,
          raterGroups: true,
          closesAt: true,
          organisation: { select: { defaultLocale: true, anonymityThreshold: true, smallTeamMode: true } },
          subjects: { select: { leaderId: true } },
        },
      });
      // Participation starts at zero, as of now; the scheduler refreshes it at fixed times. k and
      // small-team mode are fixed now: what the invitations promise is what the results keep.
      await tx.round.update({
        where: { id: roundId },
        data: {
          anonymityThreshold: round.organisation.anonymityThreshold,
          smallTeamMode: round.organisation.smallTeamMode,
          participationAsOf: now,
        },
      });
      const plan = await planInvitations(tx, {
        orgId: round.orgId,
        leaderIds: round.subjects.map((subject) => subject.leaderId),
        raterGroups: round.raterGroups,
        opensAt: now,
      });

      const count = plan.invitations.length;
      const ids = new Array<string>(count);
      const leaderIds = new Array<string>(count);
      const raterIds = new Array<string>(count);
      const raterGroups = new Array<string>(count);
      const tokenHashes = new Array<string>(count);
      const locales = new Array<string>(count);
      for (const [index, { leaderId, rater, raterGroup }] of plan.invitations.entries()) {
        const id = randomUUID();
        ids[index] = id;
        leaderIds[index] = leaderId;
        raterIds[index] = rater.id;
        raterGroups[index] = raterGroup;
        tokenHashes[index] = hashInvitationToken(ballotKeys.invitationToken(id));
        locales[index] = rater.locale ?? round.organisation.defaultLocale;
      }
      // One statement for all invitations (the ORM's createMany cost more than the insert itself).
      if (count > 0) {
        await tx.$executeRaw`
          INSERT INTO invitations (id, round_id, leader_id, rater_id, rater_group, token_hash, locale)
          SELECT v.id, ${roundId}::uuid, v.leader_id, v.rater_id, v.rater_group, v.token_hash, v.locale
          FROM unnest(${ids}::uuid[], ${leaderIds}::uuid[], ${raterIds}::uuid[],
                      ${raterGroups}::"RaterGroup"[], ${tokenHashes}::text[], ${locales}::"Locale"[])
               AS v(id, leader_id, rater_id, rater_group, token_hash, locale)`;
      }
      if (plan.units.length > 0) {
        await tx.roundUnit.createMany({
          data: plan.units.map((unit) => ({
            roundId,
            leaderId: unit.leaderId,
            raterGroup: unit.raterGroup,
            invitedCount: unit.invited,
            recentlyJoinedCount: unit.recentlyJoined,
          })),
        });
      }
      // What the round will ask about each leader's focus is fixed now, like its questionnaire.
      await fixFollowUpItems(tx, {
        roundId,
        orgId: round.orgId,
        leaderIds: round.subjects.map((subject) => subject.leaderId),
      });
      const emailsQueued =
        queueEmails && round.closesAt.getTime() > now.getTime() && count > 0
          ? await queueInvitationEmails(tx, roundId)
          : 0;
      return { roundId, invitationsCreated: count, emailsQueued };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
