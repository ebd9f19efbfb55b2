import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import {
  hostileContentType,
  hostileCsv,
  hostileJsonBody,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  resolver,
  validValue,
} from '../support/openapi-arbitraries';
import { createRoundViaApi, createTeam } from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The API against its own OpenAPI document, driven by fast-check (schemathesis cannot be
 * installed here): (1) at least 1,000 malformed bodies per write operation never get a 5xx and
 * always get problem+json; (2) requests built from the documented schemas get only documented
 * statuses, media types and bodies.
 */
const HOSTILE_RUNS = 1_000;
const CONTRACT_RUNS = 25;
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

describe('the API under fuzzing, against its OpenAPI document', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;
  let document: OpenApiDocument;
  let ids: Record<string, string>;
  let operations: { method: string; path: string; operation: OpenApiOperation }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
    admin = await signUpAdmin(app);
    const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups: ['direct_report'],
      schedule: true,
    });
    const person = await createPerson(database.db, { orgId: admin.orgId });
    ids = { id: person.id, leaderId: team.leader.id, roundId: round.id };
    const reply = await app.inject({ method: 'GET', url: '/docs/json' });
    document = JSON.parse(reply.body) as OpenApiDocument;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A concrete URL: rounds and people of this organisation where the path names them. */
  const urlOf = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_match, name: string) =>
      // Round actions get the round; /people/{id} the spare person, never the admin.
      name === 'id' && path.startsWith('/api/v1/rounds') ? ids.roundId! : (ids[name] ?? ids.id!),
    );

  const authHeaders = (operation: OpenApiOperation): Record<string, string> => {
    const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
    if (schemes.includes('bearerAuth')) return { authorization: `Bearer ${admin.accessToken}` };
    if (schemes.includes('inviteToken')) return { 'x-invite-token': 'A'.repeat(43) };
    return {};
  };

  const expectProblemReply = (reply: Awaited<ReturnType<TestApp['inject']>>, label: string) => {
    expect(reply.statusCode, `${label}: ${reply.body.slice(0, 300)}`).toBeLessThan(500);
    if (reply.statusCode >= 400) {
      expect(String(reply.headers['content-type']), label).toMatch(/^application\/problem\+json/);
      const body = JSON.parse(reply.body) as { type?: unknown; title?: unknown; status?: unknown };
      expect(typeof body.type, label).toBe('string');
      expect(body.status, label).toBe(reply.statusCode);
    }
  };

  it(`answers ${HOSTILE_RUNS} malformed bodies per write operation with 4xx problem+json, never 5xx`, async () => {
    const resolve = resolver(document);
    const writes = operations.filter(({ method }) => WRITE_METHODS.has(method));
    expect(writes.length).toBeGreaterThanOrEqual(15);
    let sent = 0;
    for (const { method, path, operation } of writes) {
      const jsonSchema = operation.requestBody?.content['application/json']?.schema;
      const acceptsCsv = Boolean(operation.requestBody?.content['text/csv']);
      const request = fc.oneof(
        {
          weight: 5,
          arbitrary: fc.record({ body: hostileJsonBody(jsonSchema, resolve), type: hostileContentType }),
        },
        ...(acceptsCsv
          ? [{ weight: 2, arbitrary: fc.record({ body: hostileCsv, type: fc.constant('text/csv') }) }]
          : []),
      );
      await fc.assert(
        fc.asyncProperty(request, async ({ body, type }) => {
          const reply = await app.inject({
            method: method.toUpperCase() as 'POST',
            url: urlOf(path),
            headers: { ...authHeaders(operation), ...(type ? { 'content-type': type } : {}) },
            payload: body,
          });
          sent++;
          expectProblemReply(
            reply,
            `${method.toUpperCase()} ${path} (${type}) ${JSON.stringify(body).slice(0, 120)}`,
          );
        }),
        { numRuns: HOSTILE_RUNS, endOnFailure: true },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(writes.length * HOSTILE_RUNS);
  }, 600_000);

  it('gives requests built from the document only documented statuses, media types and bodies', async () => {
    const resolve = resolver(document);
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: document.components ?? {} });
    const validatorOf = (schema: JsonSchema) =>
      ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));

    // A fresh instance: the fuzzing above used up the auth routes' per-address limits.
    const fresh = await createTestApp(database.db);
    const seen = new Map<string, number[]>();
    for (const { method, path, operation } of operations) {
      if (path.startsWith('/api/v1/dev/')) continue; // development only; not served in production
      const jsonSchema = operation.requestBody?.content['application/json']?.schema;
      const queryParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      const query = fc.record(
        Object.fromEntries(
          queryParameters.map((parameter) => [parameter.name, validValue(parameter.schema, resolve)]),
        ),
        {
          requiredKeys: queryParameters
            .filter((parameter) => parameter.required)
            .map((parameter) => parameter.name),
        },
      );
      const body = jsonSchema ? validValue(jsonSchema, resolve) : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(query, body, async (queryValues, bodyValue) => {
          const search = new URLSearchParams(
            Object.entries(queryValues).map(([key, value]) => [key, String(value)] as [string, string]),
          );
          const url = urlOf(path) + (search.size > 0 ? `?${search}` : '');
          const reply = await fresh.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: {
              ...authHeaders(operation),
              ...(bodyValue !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(bodyValue !== undefined ? { payload: JSON.stringify(bodyValue) } : {}),
          });
          const label = `${method.toUpperCase()} ${url} → ${reply.statusCode}: ${reply.body.slice(0, 300)}`;
          const key = `${method.toUpperCase()} ${path}`;
          seen.set(key, [...(seen.get(key) ?? []), reply.statusCode]);
          const documented = operation.responses[String(reply.statusCode)];
          expect(documented, `undocumented status — ${label}`).toBeDefined();
          const contentTypes = Object.keys(documented!.content ?? {});
          if (contentTypes.length === 0) {
            expect(reply.body, label).toBe('');
            return;
          }
          const received = String(reply.headers['content-type']).split(';')[0]!.trim();
          expect(contentTypes, `media type ${received} — ${label}`).toContain(received);
          if (received.endsWith('json')) {
            const validate = validatorOf(documented!.content![received]!.schema);
            const valid = validate(JSON.parse(reply.body));
            expect(valid, `${JSON.stringify(validate.errors?.slice(0, 3))} — ${label}`).toBe(true);
          }
        }),
        { numRuns: CONTRACT_RUNS, endOnFailure: true },
      );
    }
    await fresh.close();
    // FUZZ_REPORT=1 prints which statuses each operation answered (what the runs reached).
    for (const [op, statuses] of process.env.FUZZ_REPORT ? seen : []) {
      const counts: Record<number, number> = {};
      for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
      console.log(op, JSON.stringify(counts));
    }
  }, 600_000);
});
