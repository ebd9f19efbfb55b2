import type { Db, Prisma } from '@resonance/db';
import { DomainError, effectiveThreshold } from '@resonance/domain';
import { usedInvitationIds } from '../ballot-box/ballot-box';
import { type BallotKeys, hashInvitationToken } from '../ballot-box/ballot-keys';
import { AppError } from '../errors/problem';
import type { Mailer } from '../mail/mailer';
import { type SurveyEmailRecipient, sendSurveyEmails } from '../mail/send-survey-emails';

export interface RemindResult {
  /** false when this reminder had already been sent (by another instance or an earlier call). */
  sent: boolean;
  /** For the server log only; never returned to admins (see remindRoundResponseSchema). */
  emailsFailed: number;
}

const HOUR_MS = 3_600_000;

/** Set by the ballot-box migration on invitations that were already used in rounds then open. */
const RETIRED_TOKEN_PREFIX = 'retired:';

/**
 * Rounds that opened before the ballot box have random tokens, which cannot be derived again: their
 * pending invitations get the derived token now (the reminder's link; the first email's stops
 * working, as reminders behaved then). Rounds opened since are never touched here.
 */
async function adoptLegacyTokens(
  tx: Prisma.TransactionClient,
  keys: BallotKeys,
  pending: readonly { id: string; tokenHash: string }[],
) {
  const legacy = pending
    .map((invitation) => ({
      id: invitation.id,
      derived: hashInvitationToken(keys.invitationToken(invitation.id)),
    }))
    .filter((invitation, index) => invitation.derived !== pending[index]!.tokenHash);
  if (legacy.length === 0) return;
  await tx.$executeRaw`
    UPDATE invitations AS i SET token_hash = v.token_hash
    FROM unnest(${legacy.map((l) => l.id)}::uuid[], ${legacy.map((l) => l.derived)}::text[]) AS v(id, token_hash)
    WHERE i.id = v.id`;
}

/**
 * Reminds everyone who has not answered yet, exactly once per reminder slot: the slot (hours
 * before closing) is recorded in round_reminders, whose unique key lets only one caller win.
 * A manual reminder takes the slot of the current hour, so it also stands in for a scheduled
 * reminder due in that hour, and a second click within the hour is refused.
 *
 * Who is still pending is known only to the app: it recomputes each invitation's ballot marker with
 * the ballot secret. The reminder carries the same link as the invitation (its token is derived from
 * the invitation id), so every link a rater received keeps working, and no invitation row is
 * written: a database reader cannot see who was reminded. People deactivated since the round opened
 * get no email. Nothing here tells the caller who, or how many, were reminded.
 */
export async function remindRound({
  db,
  ballotKeys,
  mailer,
  webUrl,
  roundId,
  orgId,
  now,
  offsetsHours,
  onEmailError,
  sendAfterReply,
}: {
  db: Db;
  ballotKeys: BallotKeys;
  mailer: Mailer;
  webUrl: string;
  roundId: string;
  orgId?: string | undefined;
  now: Date;
  /** Scheduled reminders: the due slots, the latest first; omitted for a manual reminder. */
  offsetsHours?: readonly number[];
  onEmailError?: (error: unknown) => void;
  /**
   * Hands the sending to work that runs after the reply (a manual reminder: the reply's latency must
   * not grow with the number of people pending). Without it the emails are sent before returning.
   */
  sendAfterReply?: (send: () => Promise<void>) => void;
}): Promise<RemindResult> {
  const manual = offsetsHours === undefined;
  const recipients = await db.$transaction(
    async (tx) => {
      // FOR SHARE: a concurrent close waits for this reminder to commit, and vice versa.
      const [round] = await tx.$queryRaw<{ state: string; closes_at: Date; org_id: string }[]>`
        SELECT state, closes_at, org_id FROM rounds
        WHERE id = ${roundId}::uuid FOR SHARE`;
      if (!round || (orgId && round.org_id !== orgId)) throw new AppError('notFound', 'No such round.');
      if (round.state !== 'open' || round.closes_at.getTime() <= now.getTime()) {
        throw new DomainError(
          'invalid_transition',
          `Cannot remind raters of a round that is ${round.state === 'open' ? 'past its closing time' : round.state}`,
        );
      }
      const slots = manual
        ? [Math.ceil((round.closes_at.getTime() - now.getTime()) / HOUR_MS)]
        : [...offsetsHours];
      const [slot, ...earlier] = slots;
      if (slot === undefined) return null;
      const claimed = await tx.roundReminder.createMany({
        data: [{ roundId, offsetHours: slot, sentAt: now }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) {
        if (manual) {
          throw new AppError('conflict', 'A reminder already went out within this hour. Try again later.', {
            code: 'reminder-recently-sent',
          });
        }
        return null;
      }
      // Overdue earlier slots (e.g. after downtime) are settled by this one reminder, not sent in a burst.
      if (earlier.length > 0) {
        await tx.roundReminder.createMany({
          data: earlier.map((offsetHours) => ({ roundId, offsetHours, sentAt: now })),
          skipDuplicates: true,
        });
      }

      const invitations = await tx.invitation.findMany({
        // Invitations used before the ballot box existed carry a retired hash: they are answered.
        where: { roundId, NOT: { tokenHash: { startsWith: RETIRED_TOKEN_PREFIX } } },
        select: {
          id: true,
          tokenHash: true,
          leaderId: true,
          raterGroup: true,
          locale: true,
          rater: { select: { email: true, name: true, active: true } },
        },
      });
      const used = await usedInvitationIds(
        tx,
        ballotKeys,
        roundId,
        invitations.map((invitation) => invitation.id),
      );
      const pending = invitations.filter((invitation) => !used.has(invitation.id) && invitation.rater.active);
      await adoptLegacyTokens(tx, ballotKeys, pending);

      const context = await tx.round.findUniqueOrThrow({
        where: { id: roundId },
        select: {
          orgId: true,
          closesAt: true,
          anonymityThreshold: true,
          smallTeamMode: true,
          organisation: { select: { name: true, anonymityThreshold: true, timeZone: true } },
          subjects: { select: { leader: { select: { id: true, name: true } } } },
        },
      });
      const threshold = effectiveThreshold(
        context.anonymityThreshold,
        context.organisation.anonymityThreshold,
      );
      const leaderName = new Map(context.subjects.map(({ leader }) => [leader.id, leader.name]));
      return pending.map(
        (invitation): SurveyEmailRecipient => ({
          orgId: context.orgId,
          orgName: context.organisation.name,
          to: invitation.rater.email,
          raterName: invitation.rater.name,
          leaderName: leaderName.get(invitation.leaderId) ?? '',
          raterGroup: invitation.raterGroup,
          locale: invitation.locale,
          closesAt: context.closesAt,
          timeZone: context.organisation.timeZone,
          threshold,
          smallTeamMode: context.smallTeamMode,
          token: ballotKeys.invitationToken(invitation.id),
        }),
      );
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (recipients === null) return { sent: false, emailsFailed: 0 };
  const send = () =>
    sendSurveyEmails({ mailer, webUrl, kind: 'reminder', recipients, onError: onEmailError });
  if (sendAfterReply) {
    sendAfterReply(async () => {
      await send();
    });
    return { sent: true, emailsFailed: 0 };
  }
  const outcome = await send();
  return { sent: true, emailsFailed: outcome.failed };
}
