import { randomUUID } from 'node:crypto';
import type { PersonErasure } from '@resonance/contracts';
import { type Db, Prisma } from '@resonance/db';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import { AppError } from '../errors/problem';
import { lockOrganisation } from '../people/lock-organisation';
import { assertAnotherAdmin } from '../people/update-person';

const ERASED_NAME = { de: 'Gelöschte Person', en: 'Erased person' } as const;

/** Rounds whose subjects can still change: the leader is taken out of these, not anonymised. */
const UNFINISHED_STATES = ['draft', 'scheduled', 'open'] as const;

/**
 * GDPR Art. 17, in one transaction. What is about the person goes: profile, login (sessions die at
 * once), queued invitation emails, focus and commitments, the self-assessment, outbox emails, their
 * name and email in the audit log. What is about nobody stays: a ballot or an answer they may have
 * given cannot be told apart from the others, and counts fixed when a round opened stay as they are
 * (issue 7: editing people never changes a round's counts).
 *
 * The person stays as a row without name or email (a tombstone) when something must keep pointing
 * at them: a leader rated in a finished round, so the organisation's anonymous results (heatmap,
 * benchmark, other leaders' comparisons) stay exactly as they were; and a rater with invitations,
 * because the differencing check (rule 11) compares who was invited to a leader's group from round
 * to round — deleting a leaver's invitations would make an earlier group look like the present one,
 * and the difference between the two figures would be that leaver's answers.
 */
export async function erasePerson(
  db: Db,
  { orgId, actor, personId }: { orgId: string; actor: AuditActor; personId: string },
): Promise<PersonErasure> {
  return db.$transaction(async (tx) => {
    // Serialised with every other change to the org chart, so two admins erasing each other
    // cannot both pass the last-admin check.
    await lockOrganisation(tx, orgId);
    const person = await tx.person.findFirst({
      where: { id: personId, orgId, erasedAt: null },
      include: { user: true, organisation: { select: { defaultLocale: true } } },
    });
    if (!person) throw new AppError('notFound', 'No such person.');
    if (person.user?.role === 'admin' && person.user.active) await assertAnotherAdmin(tx, orgId, person.id);

    // As a leader of rounds still running or to come: out of the round, with what was gathered for them.
    const unfinished = await tx.roundSubject.findMany({
      where: { leaderId: person.id, round: { orgId, state: { in: [...UNFINISHED_STATES] } } },
      select: { roundId: true },
    });
    const roundIds = unfinished.map((subject) => subject.roundId);
    if (roundIds.length > 0) {
      const asLeader = { roundId: { in: roundIds }, leaderId: person.id };
      const invited = await tx.invitation.findMany({ where: asLeader, select: { id: true } });
      await tx.mailQueueItem.deleteMany({ where: { invitationId: { in: invited.map(({ id }) => id) } } });
      await tx.invitation.deleteMany({ where: asLeader });
      await tx.ballot.deleteMany({ where: asLeader });
      await tx.roundUnit.deleteMany({ where: asLeader });
      await tx.roundFollowUp.deleteMany({ where: asLeader });
      await tx.roundSubject.deleteMany({ where: asLeader });
    }

    // As a rater: the invitations stay, under the nameless row, as the membership record rule 11
    // reads (see above); an invitation email not yet sent is dropped (its address is gone).
    const received = await tx.invitation.findMany({ where: { raterId: person.id }, select: { id: true } });
    const receivedIds = received.map(({ id }) => id);
    await tx.mailQueueItem.deleteMany({ where: { invitationId: { in: receivedIds } } });

    await tx.person.updateMany({ where: { orgId, managerId: person.id }, data: { managerId: null } });

    // The leader's own words and own answers.
    await tx.leaderFocus.deleteMany({ where: { leaderId: person.id } });
    await tx.roundFollowUp.updateMany({ where: { leaderId: person.id }, data: { commitment: null } });
    await tx.response.deleteMany({ where: { leaderId: person.id, raterGroup: 'self' } });
    await tx.comment.deleteMany({ where: { leaderId: person.id, raterGroup: 'self' } });
    await tx.resultRollup.deleteMany({ where: { leaderId: person.id, raterGroup: 'self' } });
    await tx.followUpRollup.deleteMany({ where: { leaderId: person.id, raterGroup: 'self' } });
    await tx.roundUnit.deleteMany({ where: { leaderId: person.id, raterGroup: 'self' } });
    await tx.leaderResult.updateMany({ where: { leaderId: person.id }, data: { selfScores: Prisma.DbNull } });

    // Development outbox: emails to them, and emails to others that name them (an invitation to rate them).
    await tx.outboxEmail.deleteMany({
      where: {
        orgId,
        OR: [
          { to: { equals: person.email, mode: 'insensitive' } },
          { subject: { contains: person.name, mode: 'insensitive' } },
          { text: { contains: person.name, mode: 'insensitive' } },
        ],
      },
    });

    // The audit log keeps what was done and when, but no longer to or by whom by name.
    await tx.$executeRaw`SELECT set_config('resonance.audit_erasure', 'on', true)`;
    await tx.$executeRaw`
      UPDATE audit_events SET details = '{"redacted": true}'::jsonb
      WHERE org_id = ${orgId}::uuid AND target_id IN (${person.id}, ${person.user?.id ?? person.id})`;
    if (person.user) {
      await tx.$executeRaw`
        UPDATE audit_events SET actor_email = NULL
        WHERE org_id = ${orgId}::uuid AND actor_user_id = ${person.user.id}::uuid`;
      await tx.user.delete({ where: { id: person.user.id } });
    }

    const stillRated = (await tx.roundSubject.count({ where: { leaderId: person.id } })) > 0;
    const keep = stillRated || receivedIds.length > 0;
    if (keep) {
      await tx.person.update({
        where: { id: person.id },
        data: {
          name: ERASED_NAME[person.organisation.defaultLocale],
          email: `erased-${randomUUID()}@erased.invalid`,
          active: false,
          managerId: null,
          locale: null,
          erasedAt: new Date(),
        },
      });
    } else {
      await tx.person.delete({ where: { id: person.id } });
    }
    const outcome = keep ? 'anonymised' : 'deleted';
    await recordAudit(tx, {
      orgId,
      actor,
      action: 'person.erased',
      target: { type: 'person', id: person.id },
      details: { outcome },
    });
    return {
      personId: person.id,
      outcome,
      invitationsKept: receivedIds.length,
      loginRemoved: person.user !== null,
      removedFromRounds: roundIds.length,
    };
  });
}
