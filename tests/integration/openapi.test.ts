import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface Operation {
  requestBody?: { content: Record<string, { schema: unknown }> };
  parameters?: { in: string; name: string }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  security?: unknown[];
}

describe('OpenAPI document', () => {
  let database: TestDatabase;
  let app: TestApp;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, unknown> };
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    doc = JSON.parse(response.body);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const operation = (path: string, method: string) => {
    const op = doc.paths[path]?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
    return op;
  };

  it.each([
    ['/api/v1/auth/signup', 'post', 201],
    ['/api/v1/auth/login', 'post', 200],
    ['/api/v1/auth/refresh', 'post', 200],
    ['/api/v1/auth/logout', 'post', 204],
    ['/api/v1/auth/set-password', 'post', 200],
    ['/api/v1/me', 'patch', 200],
    ['/api/v1/people/import', 'post', 200],
    ['/api/v1/people/{id}', 'patch', 200],
    ['/api/v1/org/settings', 'patch', 200],
  ])('documents %s %s with a request body and its responses', (path, method, success) => {
    const op = operation(path, method);
    expect(op.requestBody?.content).toBeDefined();
    expect(op.responses[String(success)]).toBeDefined();
    expect(op.responses['400']?.content?.['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });

  it.each([
    ['/api/v1/me', 'get'],
    ['/api/v1/people', 'get'],
    ['/api/v1/org/settings', 'get'],
    ['/api/v1/people/{id}/invite-user', 'post'],
  ])('documents %s %s with a response schema and bearer auth', (path, method) => {
    const op = operation(path, method);
    const success = op.responses['200'] ?? op.responses['201'];
    expect(success?.content?.['application/json']?.schema).toBeDefined();
    expect(op.security).toEqual([{ bearerAuth: [] }]);
  });

  it('accepts CSV and JSON for the org-chart import', () => {
    expect(Object.keys(operation('/api/v1/people/import', 'post').requestBody?.content ?? {}).sort()).toEqual(
      ['application/json', 'text/csv'],
    );
  });

  it('resolves every $ref to a component', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(doc.components?.schemas?.[ref], ref).toBeDefined();
  });
});
