import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

interface Reply {
  description?: string;
  content?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  security?: unknown[];
  responses?: Record<string, Reply>;
}
interface Document {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>> | undefined>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PROBLEM_JSON = 'application/problem+json';

/**
 * The OpenAPI 3.1 document of the API, built from the routes' zod schemas, and served under
 * /docs when `serve` is set. The document says what the API really sends: error replies as
 * `application/problem+json`, 204 without a body, `security: []` on public operations, and a
 * stable operationId per operation for client generators.
 */
export const openApiDocument = fp(
  async (app: FastifyInstance, { serve, serverUrl }: { serve: boolean; serverUrl?: string | undefined }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Resonance API',
          description:
            'Anonymous 360° leadership feedback on the nine theses of leading like an influencer. Every error is an RFC 9457 problem document.',
          version: '1.0.0',
        },
        servers: [{ url: serverUrl ?? '/', description: 'This API' }],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            inviteToken: { type: 'apiKey', in: 'header', name: 'X-Invite-Token' },
            metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN of the server' },
          },
        },
      },
      transform: jsonSchemaTransform,
      // Schemas registered with `.meta({ id })` become components referenced by $ref.
      transformObject: (input) =>
        describeTruthfully(jsonSchemaTransformObject(input) as Document) as ReturnType<
          typeof jsonSchemaTransformObject
        >,
    });
    // The document holds no secrets, but a production server serves only what it must.
    if (serve) await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'openapi-document' },
);

/** Post-processes the generated document so it matches the replies byte for byte. */
export function describeTruthfully(document: Document): Document {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      operation.operationId ??= operationId(method, path);
      operation.security ??= [];
      for (const [status, reply] of Object.entries(operation.responses ?? {})) {
        if (reply.description === 'Default Response') reply.description = describeStatus(Number(status));
        if (status === '204') {
          delete reply.content;
        } else if (Number(status) >= 400 && reply.content?.['application/json']) {
          reply.content = { [PROBLEM_JSON]: reply.content['application/json'] };
        }
      }
    }
  }
  dropUnusedSchemas(document);
  return document;
}

/**
 * The zod registry emits every schema with an id twice (as input and as output) and some that
 * routes inline: keep only the components an operation reaches, directly or through others.
 */
function dropUnusedSchemas(document: Document) {
  const schemas = document.components?.schemas;
  if (!schemas) return;
  const PREFIX = '#/components/schemas/';
  const reached = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(PREFIX)) {
          const name = child.slice(PREFIX.length);
          if (!reached.has(name)) {
            reached.add(name);
            visit(schemas[name]);
          }
        } else visit(child);
      }
    }
  };
  visit(document.paths);
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
}

/** `POST /api/v1/rounds/{id}/open` → `postRoundsIdOpen`. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split(/[/{}.\-_]+/)
    .filter(Boolean);
  return method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'The request is invalid (problem document with `errors`)',
  401: 'Authentication required or failed',
  403: 'Not allowed for this role',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  410: 'No longer available',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
  503: 'Database unavailable; try again (Retry-After)',
};

function describeStatus(status: number): string {
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}
