import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface Operation {
  requestBody?: { content: Record<string, { schema: unknown }> };
  parameters?: { in: string; name: string }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  security?: Record<string, unknown>[];
}

describe('OpenAPI document of rounds, answering and results', () => {
  let database: TestDatabase;
  let app: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
    paths = JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body).paths;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it.each([
    ['/api/v1/rounds', 'post', 201, true, 'bearerAuth'],
    ['/api/v1/rounds', 'get', 200, false, 'bearerAuth'],
    ['/api/v1/rounds/{id}', 'get', 200, false, 'bearerAuth'],
    ['/api/v1/rounds/{id}', 'patch', 200, true, 'bearerAuth'],
    ['/api/v1/rounds/{id}/open', 'post', 200, false, 'bearerAuth'],
    ['/api/v1/rounds/{id}/close', 'post', 200, false, 'bearerAuth'],
    ['/api/v1/rounds/{id}/remind', 'post', 200, false, 'bearerAuth'],
    ['/api/v1/survey', 'get', 200, false, 'inviteToken'],
    ['/api/v1/survey/response', 'post', 201, true, 'inviteToken'],
    ['/api/v1/results/leaders/{leaderId}', 'get', 200, false, 'bearerAuth'],
    ['/api/v1/results/rounds/{roundId}/heatmap', 'get', 200, false, 'bearerAuth'],
    ['/api/v1/results/rounds/{roundId}/export.csv', 'get', 200, false, 'bearerAuth'],
    ['/api/v1/dev/outbox', 'get', 200, false, 'bearerAuth'],
  ] as const)(
    'documents %s %s: request, responses and security',
    (path, method, success, hasBody, scheme) => {
      const operation = paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(Object.keys(operation!.responses[String(success)]?.content ?? {})).not.toHaveLength(0);
      expect(operation!.responses['401']?.content?.['application/problem+json']?.schema).toBeDefined();
      if (hasBody) expect(operation!.requestBody?.content['application/json']?.schema).toBeDefined();
      expect(operation!.security).toEqual([{ [scheme]: [] }]);
    },
  );

  it('documents the invitation token as a header, never as a query parameter', () => {
    for (const method of ['get', 'post']) {
      const operation = paths[method === 'get' ? '/api/v1/survey' : '/api/v1/survey/response']![method]!;
      const parameters = operation.parameters ?? [];
      expect(parameters.find((p) => p.name === 'x-invite-token')?.in).toBe('header');
      expect(parameters.some((p) => p.in === 'query' && /token/i.test(p.name))).toBe(false);
    }
  });

  it('documents the export as text/csv', () => {
    const content = paths['/api/v1/results/rounds/{roundId}/export.csv']!.get!.responses['200']!.content!;
    expect(Object.keys(content)).toContain('text/csv');
  });
});
