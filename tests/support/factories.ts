import { randomUUID } from 'node:crypto';
import { hashPassword } from '@resonance/api/auth/password';
import type { Db, PersonRole } from '@resonance/db';
import request from 'supertest';
import type { TestApp } from './test-app';

/** Unique per call, so tests in one database never collide. */
export function unique(prefix = 'x'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function uniqueEmail(prefix = 'person'): string {
  return `${unique(prefix)}@example.org`;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedUpAdmin {
  email: string;
  password: string;
  orgName: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  personId: string;
  orgId: string;
  orgSlug: string;
}

/** A new organisation with its first admin, created through the public signup route. */
export async function signUpAdmin(
  app: TestApp,
  overrides: Partial<{ email: string; password: string; orgName: string; name: string }> = {},
): Promise<SignedUpAdmin> {
  const email = overrides.email ?? uniqueEmail('admin');
  const password = overrides.password ?? TEST_PASSWORD;
  const orgName = overrides.orgName ?? unique('Org');
  const signup = await request(app.server)
    .post('/api/v1/auth/signup')
    .send({ organisationName: orgName, name: overrides.name ?? 'Ada Admin', email, password, locale: 'en' })
    .expect(201);
  const me = await request(app.server)
    .get('/api/v1/me')
    .set('Authorization', `Bearer ${signup.body.accessToken}`)
    .expect(200);
  return {
    email,
    password,
    orgName,
    accessToken: signup.body.accessToken,
    refreshToken: signup.body.refreshToken,
    userId: me.body.user.id,
    personId: me.body.person.id,
    orgId: me.body.organisation.id,
    orgSlug: me.body.organisation.slug,
  };
}

export async function createPerson(
  db: Db,
  data: { orgId: string; role?: PersonRole; managerId?: string | null; email?: string; name?: string },
) {
  return db.person.create({
    data: {
      orgId: data.orgId,
      email: data.email ?? uniqueEmail(data.role ?? 'member'),
      name: data.name ?? unique('Person'),
      role: data.role ?? 'member',
      managerId: data.managerId ?? null,
    },
    select: { id: true, email: true, name: true, orgId: true },
  });
}

/** A leader (or admin) with a login and a password, straight in the database. */
export async function createUserWithPassword(
  db: Db,
  data: { orgId: string; role?: 'leader' | 'admin'; managerId?: string | null; password?: string },
) {
  const role = data.role ?? 'leader';
  const person = await createPerson(db, { orgId: data.orgId, role, managerId: data.managerId ?? null });
  const user = await db.user.create({
    data: {
      orgId: data.orgId,
      personId: person.id,
      email: person.email,
      role,
      passwordHash: await hashPassword(data.password ?? TEST_PASSWORD),
    },
    select: { id: true },
  });
  return { ...person, userId: user.id, password: data.password ?? TEST_PASSWORD };
}

export async function logIn(app: TestApp, email: string, password = TEST_PASSWORD) {
  const response = await request(app.server).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return response.body as { accessToken: string; refreshToken: string };
}

export function bearer(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}

/** Every error leaves the API as RFC 9457 problem+json. */
export function expectProblem(response: request.Response, status: number) {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers['content-type']}`);
  }
  const body = response.body as { type?: unknown; title?: unknown; status?: unknown };
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== status) {
    throw new Error(`not a problem document: ${JSON.stringify(body)}`);
  }
  return response.body as {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: { field: string; message: string }[];
    [key: string]: unknown;
  };
}
