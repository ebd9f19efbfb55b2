import type { Db } from '@resonance/db';
import { type Locale, raterAssignments } from '@resonance/domain';
import type { Mailer } from '../mail/mailer';
import { type SurveyEmailRecipient, sendSurveyEmails } from '../mail/send-survey-emails';
import { createInvitationToken } from '../survey/invitation-token';
import { applyRoundTransition } from './round-transition';

export interface OpenRoundResult {
  roundId: string;
  invitationsCreated: number;
  emailsSent: number;
  emailsFailed: number;
}

/**
 * Opens a scheduled round exactly once and issues one single-use invitation per (leader, rater,
 * group) from the org chart. The state change and the invitations commit together; the emails go
 * out after the commit, since the raw tokens live only in memory until then. A round whose closing
 * time has already passed (the server was down through its whole window) opens without emails.
 */
export async function openRound({
  db,
  mailer,
  webUrl,
  roundId,
  orgId,
  now,
  onEmailError,
}: {
  db: Db;
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
      const people = await tx.person.findMany({
        where: { orgId: round.orgId },
        select: { id: true, managerId: true, active: true, name: true, email: true, locale: true },
      });
      const personById = new Map(people.map((person) => [person.id, person]));

      const issued: SurveyEmailRecipient[] = [];
      const rows: {
        roundId: string;
        leaderId: string;
        raterId: string;
        raterGroup: SurveyEmailRecipient['raterGroup'];
        tokenHash: string;
        locale: Locale;
      }[] = [];
      for (const { leaderId } of round.subjects) {
        const leader = personById.get(leaderId);
        // A leader who left after the round was planned is not rated.
        if (!leader?.active) continue;
        for (const assignment of raterAssignments({ leaderId, people, groups: round.raterGroups })) {
          const rater = personById.get(assignment.raterPersonId)!;
          const locale = rater.locale ?? round.organisation.defaultLocale;
          const { token, tokenHash } = createInvitationToken();
          rows.push({
            roundId,
            leaderId,
            raterId: rater.id,
            raterGroup: assignment.raterGroup,
            tokenHash,
            locale,
          });
          issued.push({
            orgId: round.orgId,
            orgName: round.organisation.name,
            to: rater.email,
            raterName: rater.name,
            leaderName: leader.name,
            raterGroup: assignment.raterGroup,
            locale,
            closesAt: round.closesAt,
            threshold: round.organisation.anonymityThreshold,
            token,
          });
        }
      }
      if (rows.length > 0) await tx.invitation.createMany({ data: rows });
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
