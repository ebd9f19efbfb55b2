import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  createUserWithPassword,
  expectProblem,
  logIn,
  signUpAdmin,
  unique,
} from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('org chart import', () => {
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A fresh organisation per test, so imports never see each other's people. */
  async function newOrg() {
    const admin = await signUpAdmin(app);
    const domain = `${unique('d')}.example`;
    const csv = (lines: string[]) => `email,name,manager_email,role\n${lines.join('\n')}\n`;
    const importCsv = (text: string, query = '') =>
      request(app.server)
        .post(`/api/v1/people/import${query}`)
        .set(...bearer(admin.accessToken))
        .set('Content-Type', 'text/csv')
        .send(text);
    const people = () =>
      database.db.person.findMany({
        where: { orgId: admin.orgId, email: { endsWith: domain } },
        select: { email: true, name: true, role: true, manager: { select: { email: true } } },
        orderBy: { email: 'asc' },
      });
    return { admin, domain, csv, importCsv, people };
  }

  it('creates people with managers and roles from a CSV', async () => {
    const { domain, csv, importCsv, people } = await newOrg();
    const response = await importCsv(
      csv([
        `boss@${domain},Bea Boss,,leader`,
        `anna@${domain},Anna Arendt,boss@${domain},`,
        `"bert@${domain}","Bert, der Zweite",boss@${domain},member`,
        `cleo@${domain},Cleo Chef,boss@${domain},admin`,
      ]),
    ).expect(200);
    expect(response.body).toMatchObject({ dryRun: false, created: 4, updated: 0, unchanged: 0 });
    expect(response.body.people[0]).toEqual({
      line: 2,
      email: `boss@${domain}`,
      name: 'Bea Boss',
      action: 'create',
      changes: [],
    });
    expect(await people()).toEqual([
      { email: `anna@${domain}`, name: 'Anna Arendt', role: 'member', manager: { email: `boss@${domain}` } },
      {
        email: `bert@${domain}`,
        name: 'Bert, der Zweite',
        role: 'member',
        manager: { email: `boss@${domain}` },
      },
      { email: `boss@${domain}`, name: 'Bea Boss', role: 'leader', manager: null },
      { email: `cleo@${domain}`, name: 'Cleo Chef', role: 'admin', manager: { email: `boss@${domain}` } },
    ]);
  });

  it('upserts by email on re-import and reports what changed', async () => {
    const { domain, csv, importCsv, people } = await newOrg();
    await importCsv(
      csv([`boss@${domain},Bea Boss,,leader`, `anna@${domain},Anna,boss@${domain},member`]),
    ).expect(200);
    const again = await importCsv(
      csv([
        `boss@${domain},Bea Boss,,leader`,
        `ANNA@${domain},Anna Arendt,,leader`,
        `neu@${domain},Neu Neumann,anna@${domain},member`,
      ]),
    ).expect(200);
    expect(again.body).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    expect(again.body.people.map((p: { action: string }) => p.action)).toEqual([
      'unchanged',
      'update',
      'create',
    ]);
    expect(again.body.people[1].changes).toEqual(['name', 'manager', 'role']);
    expect(await people()).toEqual([
      { email: `anna@${domain}`, name: 'Anna Arendt', role: 'leader', manager: null },
      { email: `boss@${domain}`, name: 'Bea Boss', role: 'leader', manager: null },
      { email: `neu@${domain}`, name: 'Neu Neumann', role: 'member', manager: { email: `anna@${domain}` } },
    ]);
  });

  it('previews without writing when dryRun=true', async () => {
    const { domain, csv, importCsv, people } = await newOrg();
    const preview = await importCsv(csv([`boss@${domain},Bea Boss,,leader`]), '?dryRun=true').expect(200);
    expect(preview.body).toMatchObject({ dryRun: true, created: 1, people: [{ action: 'create' }] });
    expect(await people()).toEqual([]);
  });

  it('accepts managers who are already in the organisation', async () => {
    const { admin, domain, csv, importCsv, people } = await newOrg();
    await createPerson(database.db, { orgId: admin.orgId, email: `existing@${domain}`, role: 'leader' });
    await importCsv(csv([`new@${domain},New Person,existing@${domain},`])).expect(200);
    expect((await people()).find((p) => p.email === `new@${domain}`)?.manager).toEqual({
      email: `existing@${domain}`,
    });
  });

  it('accepts the same org chart as JSON', async () => {
    const { admin, domain, people } = await newOrg();
    const response = await request(app.server)
      .post('/api/v1/people/import')
      .set(...bearer(admin.accessToken))
      .send({
        people: [
          { email: `lead@${domain}`, name: 'Lea Lead', role: 'leader' },
          { email: `mia@${domain}`, name: 'Mia', managerEmail: `lead@${domain}` },
        ],
      })
      .expect(200);
    expect(response.body).toMatchObject({ created: 2 });
    expect(await people()).toHaveLength(2);
  });

  describe('rejects the whole file and names line and field', () => {
    const cases: [string, (domain: string) => string, { field: string; message: RegExp; code: string }][] = [
      [
        'an unclosed quote',
        (d) => `email,name,manager_email,role\nok@${d},Ok,,\n"broken@${d},Broken,,\n`,
        { field: 'line 3', message: /quoted field is never closed/, code: 'row_unclosed_quote' },
      ],
      [
        'a missing column',
        (d) => `email,name,role\nok@${d},Ok,member\n`,
        { field: 'line 1: header', message: /Missing column manager_email/, code: 'header_missing_column' },
      ],
      [
        'a bad email',
        (d) => `email,name,manager_email,role\nok@${d},Ok,,\nnot-an-email,Bad,,\n`,
        { field: 'line 3: email', message: /not a valid email/, code: 'email_invalid' },
      ],
      [
        'an unknown manager',
        (d) => `email,name,manager_email,role\nok@${d},Ok,,\nx@${d},X,ghost@${d},\n`,
        {
          field: 'line 3: manager_email',
          message: /No person with the email ghost@/,
          code: 'manager_unknown',
        },
      ],
      [
        'a manager cycle',
        (d) => `email,name,manager_email,role\na@${d},A,b@${d},\nb@${d},B,a@${d},\n`,
        { field: 'line 2: manager_email', message: /loops back/, code: 'manager_cycle' },
      ],
      [
        'a duplicate email',
        (d) => `email,name,manager_email,role\na@${d},A,,\nA@${d},A again,,\n`,
        { field: 'line 3: email', message: /Duplicate email/, code: 'email_duplicate' },
      ],
      [
        'an unknown role',
        (d) => `email,name,manager_email,role\na@${d},A,,boss\n`,
        { field: 'line 2: role', message: /must be one of/, code: 'role_invalid' },
      ],
      [
        'a missing name',
        (d) => `email,name,manager_email,role\na@${d},,,\n`,
        { field: 'line 2: name', message: /Name is required/, code: 'name_required' },
      ],
    ];

    it.each(cases)('%s', async (_name, file, expected) => {
      const { domain, importCsv, people } = await newOrg();
      const problem = expectProblem(await importCsv(file(domain)), 400);
      expect(problem.type).toBe('https://resonance.dev/problems/import-rejected');
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: expected.field,
            message: expect.stringMatching(expected.message),
            code: expected.code,
          }),
        ]),
      );
      // All or nothing: the valid rows were not written either.
      expect(await people()).toEqual([]);
    });

    it('a cycle through people already in the organisation', async () => {
      const { admin, domain, csv, importCsv } = await newOrg();
      const top = await createPerson(database.db, { orgId: admin.orgId, email: `top@${domain}` });
      await createPerson(database.db, { orgId: admin.orgId, email: `mid@${domain}`, managerId: top.id });
      const problem = expectProblem(await importCsv(csv([`top@${domain},Top,mid@${domain},`])), 400);
      expect(problem.errors).toEqual([
        {
          field: 'line 2: manager_email',
          message: expect.stringMatching(/loops back/),
          code: 'manager_cycle',
        },
      ]);
      const unchanged = await database.db.person.findUniqueOrThrow({ where: { id: top.id } });
      expect(unchanged.managerId).toBeNull();
    });

    it('every problem at once, in line order', async () => {
      const { domain, importCsv } = await newOrg();
      const problem = expectProblem(
        await importCsv(
          `email,name,manager_email,role\nbad,A,,\nb@${domain},,,\nc@${domain},C,nobody@${domain},chief\n`,
        ),
        400,
      );
      expect(problem.errors?.map((e) => e.field)).toEqual([
        'line 2: email',
        'line 3: name',
        'line 4: role',
        'line 4: manager_email',
      ]);
    });

    it('JSON entries by their position', async () => {
      const { admin, domain } = await newOrg();
      const problem = expectProblem(
        await request(app.server)
          .post('/api/v1/people/import')
          .set(...bearer(admin.accessToken))
          .send({
            people: [
              { email: `a@${domain}`, name: 'A', managerEmail: `ghost@${domain}` },
              { email: `a@${domain}`, name: 'A twice' },
            ],
          }),
        400,
      );
      expect(problem.errors).toEqual([
        {
          field: 'body.people.0.managerEmail',
          message: expect.stringMatching(/No person/),
          code: 'manager_unknown',
          params: { email: `ghost@${domain}` },
        },
        {
          field: 'body.people.1.email',
          message: expect.stringMatching(/Duplicate/),
          code: 'entry_duplicate',
          params: { email: `a@${domain}`, other: 'body.people.0' },
        },
      ]);
    });

    it('JSON with unknown fields', async () => {
      const { admin, domain } = await newOrg();
      const problem = expectProblem(
        await request(app.server)
          .post('/api/v1/people/import')
          .set(...bearer(admin.accessToken))
          .send({ people: [{ email: `a@${domain}`, name: 'A', salary: 1 }] }),
        400,
      );
      expect(JSON.stringify(problem.errors)).toContain('salary');
    });
  });

  it('refuses to take away the importing admin’s own admin role', async () => {
    const { admin, csv, importCsv } = await newOrg();
    const problem = expectProblem(await importCsv(csv([`${admin.email},Ada Admin,,leader`])), 400);
    expect(problem.errors).toEqual([
      {
        field: 'line 2: role',
        message: expect.stringMatching(/own admin role/),
        code: 'own_admin_role',
        params: { role: 'leader' },
      },
    ]);
  });

  it('disables the login of a leader demoted to member', async () => {
    const { admin, csv, importCsv } = await newOrg();
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
    const session = await logIn(app, leader.email);
    await importCsv(csv([`${leader.email},${leader.name},,member`])).expect(200);
    expectProblem(
      await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(session.accessToken)),
      401,
    );
  });

  it('rejects files above 2 MiB', async () => {
    const { importCsv } = await newOrg();
    const big = `email,name,manager_email,role\n${'x'.repeat(2 * 1024 * 1024 + 10)}\n`;
    expectProblem(await importCsv(big), 413);
  });

  it('answers a file repeating one email 30,000 times with at most 500 problems, and stays up', async () => {
    // Once: "JavaScript heap out of memory" after 74–110 s, with /health hanging meanwhile.
    const { importCsv, people } = await newOrg();
    const line = `same@${unique('d')}.example,Same,,member`;
    const file = `email,name,manager_email,role\n${`${line}\n`.repeat(30_000)}`;
    const [reply, health] = await Promise.all([importCsv(file), request(app.server).get('/health')]);
    const problem = expectProblem(reply, 400);
    expect(problem.errors).toHaveLength(500);
    expect(problem.detail).toContain('30000 problems');
    expect(problem.errors?.[0]).toMatchObject({ field: 'line 2: email', code: 'email_duplicate' });
    expect(JSON.stringify(problem).length).toBeLessThan(200_000);
    expect(health.status).toBe(200);
    expect(await people()).toEqual([]);
  });

  it('leaves the same people after ten parallel imports of one file as after one', async () => {
    const { domain, csv, importCsv, people } = await newOrg();
    const file = csv([
      `head@${domain},Hanna Head,,leader`,
      `lead@${domain},Lea Lead,head@${domain},leader`,
      ...Array.from(
        { length: 20 },
        (_, index) => `r${index}@${domain},Report ${index},lead@${domain},member`,
      ),
    ]);
    const replies = await Promise.all(Array.from({ length: 10 }, () => importCsv(file)));
    // Imports of one organisation run one after another: one creates, the others find nothing to change.
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
    expect(replies.map((reply) => reply.body.created).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 22]);
    const after = await people();
    expect(after).toHaveLength(22);
    expect(new Set(after.map((person) => person.email)).size).toBe(22);
    expect(after.find((person) => person.email === `r7@${domain}`)?.manager?.email).toBe(`lead@${domain}`);
  });

  it('rejects other content types', async () => {
    const { admin } = await newOrg();
    expectProblem(
      await request(app.server)
        .post('/api/v1/people/import')
        .set(...bearer(admin.accessToken))
        .set('Content-Type', 'application/xml')
        .send('<people/>'),
      415,
    );
  });

  it('is for admins only', async () => {
    const { admin, csv } = await newOrg();
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
    const session = await logIn(app, leader.email);
    expectProblem(
      await request(app.server)
        .post('/api/v1/people/import')
        .set(...bearer(session.accessToken))
        .set('Content-Type', 'text/csv')
        .send(csv([])),
      403,
    );
    expectProblem(
      await request(app.server).post('/api/v1/people/import').set('Content-Type', 'text/csv').send(csv([])),
      401,
    );
  });
});
