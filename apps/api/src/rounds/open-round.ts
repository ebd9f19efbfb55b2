import { randomUUID } from 'node:crypto';
import type { Db } from '@resonance/db';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import { hashInvitationToken } from '../ballot-box/ballot-keys';
import type { Mailer } from '../mail/mailer';
import { type SurveyEmailRecipient, sendSurveyEmails } from '../mail/send-survey-emails';
import { planInvitations } from './plan-invitations';
import { applyRoundTransition } from './round-transition';

export interface OpenRoundResult {
  roundId: string;
  invitationsCreated: number;
  emailsSent: number;
  emailsFailed: number;
}

/**
 * Opens a scheduled round exactly once and issues one single-use invitation per (leader, rater,
 * group) from the org chart. In the same transaction the round fixes the k it promises (the
 * organisation's k now; its results never use less) and records per leader × group how many were
 * invited and how many of them are newcomers, so later edits of the org chart change neither the
 * round's counts nor its warnings. Tokens are derived from the invitation ids with the ballot
 * secret, so only their hashes are stored and a reminder can resend the same link. The emails go
 * out after the commit. A round whose closing time has already passed (the server was down
 * through its whole window) opens without emails.
 */
export async function openRound({
  db,
  ballotKeys,
  mailer,
  webUrl,
  roundId,
  orgId,
  now,
  onEmailError,
}: {
  db: Db;
  ballotKeys: BallotKeys;
  mailer: Mailer;
  webUrl: string;
  roundId: string;
  /** The caller's organisation; omitted by the scheduler, which acts for every organisation. */
  orgId?: string | undefined;
  now: Date;
  onEmailError?: (error: unknown) => void;
}): Promise<OpenRoundResult> {
  const recipients = await db.$transaction(
    async (tx) => {
      await applyRoundTransition(tx, { roundId, orgId, event: 'open', data: { openedAt: now } });
      const round = await tx.round.findUniqueOrThrow({
        where: { id: roundId },
        select: {
          orgId: true,
          raterGroups: true,
          closesAt: true,
          organisation: { select: { name: true, defaultLocale: true, anonymityThreshold: true } },
          subjects: { select: { leaderId: true } },
        },
      });
      const threshold = round.organisation.anonymityThreshold;
      // Participation starts at zero, as of now; the scheduler refreshes it at fixed times.
      await tx.round.update({
        where: { id: roundId },
        data: { anonymityThreshold: threshold, participationAsOf: now },
      });
      const plan = await planInvitations(tx, {
        orgId: round.orgId,
        leaderIds: round.subjects.map((subject) => subject.leaderId),
        raterGroups: round.raterGroups,
        opensAt: now,
      });

      const issued: SurveyEmailRecipient[] = [];
      const rows = plan.invitations.map(({ leaderId, rater, raterGroup }) => {
        const id = randomUUID();
        const token = ballotKeys.invitationToken(id);
        const locale = rater.locale ?? round.organisation.defaultLocale;
        issued.push({
          orgId: round.orgId,
          orgName: round.organisation.name,
          to: rater.email,
          raterName: rater.name,
          leaderName: plan.leaderNames.get(leaderId) ?? '',
          raterGroup,
          locale,
          closesAt: round.closesAt,
          threshold,
          token,
        });
        return {
          id,
          roundId,
          leaderId,
          raterId: rater.id,
          raterGroup,
          tokenHash: hashInvitationToken(token),
          locale,
        };
      });
      if (rows.length > 0) await tx.invitation.createMany({ data: rows });
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
      return { issued, closesAt: round.closesAt };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );

  const outcome =
    recipients.closesAt.getTime() > now.getTime()
      ? await sendSurveyEmails({
          mailer,
          webUrl,
          kind: 'invitation',
          recipients: recipients.issued,
          onError: onEmailError,
        })
      : { sent: 0, failed: 0 };
  return {
    roundId,
    invitationsCreated: recipients.issued.length,
    emailsSent: outcome.sent,
    emailsFailed: outcome.failed,
  };
}
