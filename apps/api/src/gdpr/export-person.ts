import type { PersonalDataExport } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';

/**
 * What the export deliberately leaves out. Read by the person and by whoever answers the request,
 * so it says why in plain words.
 */
const NOT_INCLUDED = [
  'Answers and comments: they are stored without any link to a person or an invitation, so nobody, ' +
    'not even the operator, can tell which of them are this person’s.',
  'Whether an invitation was used: while a round is open, only the person’s own link shows it (an admin ' +
    'must never learn who answered); after a round closed, nobody knows.',
  'Password hash and session tokens: secrets, not information about the person.',
];

const roundRef = (round: { id: string; name: string; state: string; opensAt: Date; closesAt: Date }) => ({
  id: round.id,
  name: round.name,
  state: round.state as PersonalDataExport['invitations'][number]['round']['state'],
  opensAt: round.opensAt.toISOString(),
  closesAt: round.closesAt.toISOString(),
});

/** GDPR Art. 15: everything stored about one person of the admin's organisation. */
export async function exportPerson(db: Db, orgId: string, personId: string): Promise<PersonalDataExport> {
  const person = await db.person.findFirst({
    where: { id: personId, orgId, erasedAt: null },
    include: {
      organisation: { select: { id: true, name: true } },
      manager: { select: { id: true, name: true } },
      user: true,
      _count: { select: { reports: true } },
    },
  });
  if (!person) throw new AppError('notFound', 'No such person.');

  const [invitations, subjects, focuses, auditEvents] = await Promise.all([
    db.invitation.findMany({
      where: { raterId: person.id, round: { orgId } },
      select: {
        leaderId: true,
        raterGroup: true,
        createdAt: true,
        round: { select: { id: true, name: true, state: true, opensAt: true, closesAt: true } },
      },
      orderBy: [{ round: { opensAt: 'asc' } }, { leaderId: 'asc' }],
    }),
    db.roundSubject.findMany({
      where: { leaderId: person.id, round: { orgId } },
      select: { round: { select: { id: true, name: true, state: true, opensAt: true, closesAt: true } } },
      orderBy: { round: { opensAt: 'asc' } },
    }),
    db.leaderFocus.findMany({
      where: { leaderId: person.id },
      include: { theses: { orderBy: { position: 'asc' } } },
      orderBy: { createdAt: 'asc' },
    }),
    db.auditEvent.findMany({
      where: {
        orgId,
        OR: [
          { targetId: person.id },
          ...(person.user ? [{ actorUserId: person.user.id }, { targetId: person.user.id }] : []),
        ],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  ]);

  const leaderIds = [...new Set(invitations.map((invitation) => invitation.leaderId))];
  const leaders = new Map(
    (await db.person.findMany({ where: { id: { in: leaderIds } }, select: { id: true, name: true } })).map(
      (leader) => [leader.id, leader.name],
    ),
  );

  return {
    exportedAt: new Date().toISOString(),
    organisation: person.organisation,
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      role: person.role,
      active: person.active,
      locale: person.locale,
      manager: person.manager,
      directReports: person._count.reports,
      teamSince: person.teamSince.toISOString(),
      createdAt: person.createdAt.toISOString(),
      updatedAt: person.updatedAt.toISOString(),
    },
    login: person.user
      ? {
          userId: person.user.id,
          email: person.user.email,
          role: person.user.role,
          active: person.user.active,
          locale: person.user.locale,
          hasPassword: person.user.passwordHash !== null,
          createdAt: person.user.createdAt.toISOString(),
        }
      : null,
    invitations: invitations.map((invitation) => ({
      round: roundRef(invitation.round),
      leader: { id: invitation.leaderId, name: leaders.get(invitation.leaderId) ?? '' },
      raterGroup: invitation.raterGroup,
      invitedAt: invitation.createdAt.toISOString(),
      // Invitations exist from the opening on, so a round here is open or already over.
      use: invitation.round.state === 'open' ? 'withheld-while-open' : 'unknown-after-close',
    })),
    roundsAsLeader: subjects.map((subject) => roundRef(subject.round)),
    focuses: focuses.map((focus) => ({
      roundId: focus.roundId,
      shared: focus.shared,
      theses: focus.theses.map((thesis) => ({
        thesisKey: thesis.thesisKey,
        commitment: thesis.commitment,
        dueDate: thesis.dueDate ? thesis.dueDate.toISOString().slice(0, 10) : null,
        progress: thesis.progress,
        progressNote: thesis.progressNote,
      })),
    })),
    auditEvents: auditEvents.map((event) => {
      const aboutThem = event.targetId === person.id || event.targetId === person.user?.id;
      return {
        id: event.id,
        at: event.createdAt.toISOString(),
        action: event.action,
        role: aboutThem ? 'target' : 'actor',
        // What an admin did to someone else (a changed name, an address) is that other person's data.
        details:
          aboutThem && typeof event.details === 'object' && event.details && !Array.isArray(event.details)
            ? event.details
            : {},
      };
    }),
    notIncluded: NOT_INCLUDED,
  };
}
