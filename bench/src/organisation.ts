import type pg from 'pg';
import type { ApiClient } from './api-client';
import type { SmtpSink } from './smtp-sink';

export interface OrgShape {
  leaders: number;
  reportsPerLeader: number;
  leadersPerHead: number;
}

export interface Organisation {
  orgId: string;
  adminToken: string;
  leaders: { id: string; email: string }[];
  people: number;
}

const PASSWORD = 'bench password with enough entropy 42';
const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/**
 * The org chart as an HR system exports it (`email,name,manager_email,role`): heads of department,
 * each over `leadersPerHead` leaders, each leader over `reportsPerLeader` members.
 */
export function orgChartCsv(shape: OrgShape, domain: string): string {
  const lines = ['email,name,manager_email,role'];
  const heads = Math.ceil(shape.leaders / shape.leadersPerHead);
  for (let h = 0; h < heads; h++) lines.push(`head-${pad(h)}@${domain},Head ${pad(h)},,leader`);
  for (let l = 0; l < shape.leaders; l++) {
    const head = `head-${pad(Math.floor(l / shape.leadersPerHead))}@${domain}`;
    lines.push(`leader-${pad(l)}@${domain},Leader ${pad(l)},${head},leader`);
    for (let r = 0; r < shape.reportsPerLeader; r++) {
      lines.push(
        `rater-${pad(l)}-${pad(r, 2)}@${domain},Rater ${pad(l)}-${pad(r, 2)},leader-${pad(l)}@${domain},`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A new organisation through the product's own front door: signup of its first admin, then the
 * CSV import of the org chart. The leader ids are read back from the database.
 */
export async function buildOrganisation(
  api: ApiClient,
  pool: pg.Pool,
  shape: OrgShape,
  label: string,
): Promise<Organisation> {
  const domain = `${label}.bench.example`;
  const session = await api.call<{ accessToken: string }>('POST', '/api/v1/auth/signup', {
    body: {
      organisationName: `Bench ${label}`,
      name: 'Bench Admin',
      email: `admin@${domain}`,
      password: PASSWORD,
      locale: 'en',
    },
  });
  const me = await api.call<{ organisation: { id: string } }>('GET', '/api/v1/me', {
    token: session.accessToken,
  });
  const imported = await api.call<{ created: number }>('POST', '/api/v1/people/import', {
    token: session.accessToken,
    body: orgChartCsv(shape, domain),
    contentType: 'text/csv',
  });
  const { rows } = await pool.query<{ id: string; email: string }>(
    `SELECT id, email FROM people WHERE org_id = $1 AND email LIKE 'leader-%' ORDER BY email`,
    [me.organisation.id],
  );
  return {
    orgId: me.organisation.id,
    adminToken: session.accessToken,
    leaders: rows,
    people: imported.created,
  };
}

/** Logs in as the admin again (the signup session would do; this checks the login path works). */
export async function adminLogin(api: ApiClient, label: string): Promise<string> {
  const session = await api.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
    body: { email: `admin@${label}.bench.example`, password: PASSWORD },
  });
  return session.accessToken;
}

/**
 * A leader's login the way a leader gets one: the admin invites them, the setup link arrives by
 * email (at the bench's SMTP sink), they choose a password, then log in.
 */
export async function leaderLogin(
  api: ApiClient,
  smtp: SmtpSink,
  adminToken: string,
  leader: { id: string; email: string },
): Promise<string> {
  await api.call('POST', `/api/v1/people/${leader.id}/invite-user`, { token: adminToken });
  const setupToken = smtp.setupToken(leader.email);
  if (!setupToken) throw new Error(`no password setup email for ${leader.email}`);
  await api.call('POST', '/api/v1/auth/set-password', {
    headers: { 'x-setup-token': setupToken },
    body: { password: PASSWORD },
  });
  const session = await api.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
    body: { email: leader.email, password: PASSWORD },
  });
  return session.accessToken;
}
