import type { RoundSummary, Survey, SurveyResponseRequest } from '@resonance/contracts';
import { type E2eApi, setupTokenInEmail, tokenInEmail } from './e2e-api';

export const E2E_PASSWORD = 'resonance-e2e-password';

/**
 * A small organisation with two closed rounds for one leader, built through
 * the public API only:
 *
 *   Cleo (CEO, leader) ─┬─ Lena (leader) ── 5 direct reports
 *                       ├─ Max (leader) ── 3 direct reports
 *                       └─ Pia (member)
 *
 * Lena's peers are Max and Pia (2 < k = 3), so the peer group is suppressed;
 * her manager Cleo is a group of one, so it is suppressed too. Her five
 * reports and her self-assessment are shown.
 */
export const ORG_CSV = `email,name,manager_email,role
cleo@e2e.test,Cleo Chief,,leader
lena@e2e.test,Lena Lead,cleo@e2e.test,leader
max@e2e.test,Max Manager,cleo@e2e.test,leader
pia@e2e.test,Pia Peer,cleo@e2e.test,member
r1@e2e.test,Rita Report,lena@e2e.test,member
r2@e2e.test,Rolf Report,lena@e2e.test,member
r3@e2e.test,Rosa Report,lena@e2e.test,member
r4@e2e.test,Ruth Report,lena@e2e.test,member
r5@e2e.test,Raul Report,lena@e2e.test,member
m1@e2e.test,Mia Member,max@e2e.test,member
m2@e2e.test,Milo Member,max@e2e.test,member
m3@e2e.test,Mona Member,max@e2e.test,member`;

export interface Scenario {
  adminEmail: string;
  password: string;
  leaderEmail: string;
  leaderId: string;
  closedRounds: RoundSummary[];
}

function answers(survey: Survey, pick: (thesisIndex: number, itemIndex: number) => number | null) {
  return survey.questionnaire.theses.flatMap((thesis, thesisIndex) =>
    thesis.items.map((item, itemIndex) => ({ itemKey: item.key, score: pick(thesisIndex, itemIndex) })),
  );
}

async function invitationTokens(api: E2eApi, since: Set<string>): Promise<Map<string, string[]>> {
  const byRecipient = new Map<string, string[]>();
  for (const email of (await api.outbox()).items) {
    if (since.has(email.id)) continue;
    const token = tokenInEmail(email.text);
    if (!token) continue;
    byRecipient.set(email.to, [...(byRecipient.get(email.to) ?? []), token]);
  }
  return byRecipient;
}

async function runRound(
  api: E2eApi,
  name: string,
  leaderIds: string[],
  offset: number,
): Promise<RoundSummary> {
  const seen = new Set((await api.outbox()).items.map((email) => email.id));
  const now = Date.now();
  const round = await api.ok<RoundSummary>('POST', '/rounds', {
    body: {
      name,
      leaderIds,
      raterGroups: ['direct_report', 'peer', 'manager', 'self'],
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
      reminderOffsetsHours: [24],
      recurrence: 'none',
      schedule: true,
    },
  });
  await api.openRound(round.id);
  const tokens = await invitationTokens(api, seen);
  let rater = 0;
  for (const [recipient, list] of tokens) {
    // Pia (one of two peers) answers; Max stays silent: the peer group stays below k either way.
    if (recipient.startsWith('max@')) continue;
    for (const token of list) {
      const survey = (await api.survey(token)).body;
      rater += 1;
      const body: SurveyResponseRequest = {
        answers: answers(survey, (thesis, item) => {
          if (thesis === 4 && item === 2) return null;
          const base = survey.raterGroup === 'self' ? 4 : 2 + ((thesis + rater + offset) % 3);
          return Math.min(5, Math.max(1, base + (item === 0 ? offset : 0)));
        }),
        comments:
          rater % 2 === 0
            ? [{ thesisKey: 'dialogue', text: `Asks for our view in every weekly meeting (${name}).` }]
            : [],
        keepDoing: rater % 2 === 1 ? 'The open door on Friday afternoons.' : undefined,
        startDoing: rater % 3 === 0 ? 'Share the reasons behind priority changes earlier.' : undefined,
      };
      const submitted = await api.submitSurvey(token, body);
      if (submitted.status !== 201) throw new Error(`submit answered ${submitted.status}`);
    }
  }
  await api.ok('POST', `/rounds/${round.id}/close`);
  return round;
}

/** Gives a person a login by following the password-setup email, as they would. */
export async function giveLogin(api: E2eApi, personId: string, email: string, password = E2E_PASSWORD) {
  const seen = new Set((await api.outbox()).items.map((mail) => mail.id));
  await api.ok('POST', `/people/${personId}/invite-user`);
  const mail = (await api.outbox()).items.find(
    (candidate) => !seen.has(candidate.id) && candidate.to === email,
  );
  const token = mail ? setupTokenInEmail(mail.text) : undefined;
  if (!token) throw new Error(`no password-setup email for ${email}`);
  const { status } = await api.request('POST', '/auth/set-password', {
    body: { password },
    headers: { 'x-setup-token': token },
  });
  if (status !== 200) throw new Error(`set-password answered ${status}`);
}

export async function buildScenario(
  api: E2eApi,
  { organisation = 'Northwind E2E', adminEmail = 'admin@e2e.test' } = {},
): Promise<Scenario> {
  await api.signup(organisation, 'Ada Admin', adminEmail, E2E_PASSWORD);
  await api.importCsv(ORG_CSV);
  const people = (await api.people()).items;
  const idOf = (email: string) => {
    const person = people.find((candidate) => candidate.email === email);
    if (!person) throw new Error(`${email} was not imported`);
    return person.id;
  };
  const leaderId = idOf('lena@e2e.test');
  const first = await runRound(api, 'Spring review', [leaderId, idOf('max@e2e.test')], 0);
  const second = await runRound(api, 'Autumn review', [leaderId, idOf('max@e2e.test')], 1);
  await giveLogin(api, leaderId, 'lena@e2e.test');
  return {
    adminEmail,
    password: E2E_PASSWORD,
    leaderEmail: 'lena@e2e.test',
    leaderId,
    closedRounds: [first, second],
  };
}

/** A round for Max that stays open, so a rater can answer it in the browser with a fresh invitation. */
export async function openSurveyRound(api: E2eApi): Promise<string> {
  const max = (await api.people()).items.find((person) => person.email === 'max@e2e.test');
  if (!max) throw new Error('max@e2e.test is missing');
  const now = Date.now();
  const round = await api.ok<RoundSummary>('POST', '/rounds', {
    body: {
      name: 'Winter pulse',
      leaderIds: [max.id],
      raterGroups: ['direct_report', 'peer', 'manager', 'self'],
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 14 * 24 * 3600_000).toISOString(),
      reminderOffsetsHours: [48],
      recurrence: 'quarterly',
      schedule: true,
    },
  });
  await api.openRound(round.id);
  return round.id;
}
