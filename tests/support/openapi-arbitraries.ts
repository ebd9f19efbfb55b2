import fc from 'fast-check';

/**
 * fast-check arbitraries from the API's own OpenAPI 3.1 document: values that a schema accepts
 * (for the property test that replies keep to the document) and hostile bodies (for the fuzz
 * test). Only the JSON Schema keywords the zod contracts emit are understood; anything else
 * falls back to "any JSON", which the fuzz side wants anyway.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  security?: Record<string, unknown>[];
}

/** Resolves `$ref` against the document's components. */
export function resolver(document: OpenApiDocument) {
  return function resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let depth = 0; current.$ref && depth < 20; depth++) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = document.components?.schemas?.[name] ?? {};
    }
    return current;
  };
}

const SAMPLE_WORDS = ['Ada', 'Lea', 'Müller', 'Ørsted', 'Łukasz', 'O’Brien', 'Q3 2027', 'Team Nord', '日本'];

/** Values the schema accepts (as far as the keywords above go). */
export function validValue(
  schema: JsonSchema,
  resolve: (schema: JsonSchema) => JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((variant) => validValue(variant, resolve, depth + 1)));
  if (s.allOf?.length === 1) return validValue(s.allOf[0]!, resolve, depth + 1);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => validValue({ ...s, type }, resolve, depth + 1)));
  }
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    }
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum ?? -1_000;
      const max = s.maximum ?? s.exclusiveMaximum ?? 1_000;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'string':
      return validString(s);
    case 'array': {
      if (s.prefixItems)
        return fc.tuple(...s.prefixItems.map((item) => validValue(item, resolve, depth + 1)));
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? 5, Math.max(minLength, depth > 2 ? minLength : 5));
      return fc.array(s.items ? validValue(s.items, resolve, depth + 1) : fc.jsonValue(), {
        minLength,
        maxLength,
      });
    }
    case 'object': {
      const properties = s.properties ?? {};
      const required = new Set(s.required ?? []);
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, property]) => [
            key,
            validValue(property, resolve, depth + 1),
          ]),
        ),
        { requiredKeys: [...required].filter((key) => key in properties) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 200));
  const fit = (value: string) =>
    value.length >= minLength && value.length <= (s.maxLength ?? Number.POSITIVE_INFINITY);
  switch (s.format) {
    case 'email':
      return fc.emailAddress().filter(fit);
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date-time':
      return fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString());
    case 'uri':
    case 'url':
      return fc.webUrl().filter(fit);
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fit);
  return fc
    .oneof(
      fc.string({ minLength, maxLength, unit: 'grapheme' }),
      fc.constantFrom(...SAMPLE_WORDS),
      fc.string({ minLength, maxLength }),
    )
    .filter((value) => fit(value) && value.trim().length >= Math.min(minLength, 1));
}

/** Bodies no client should send: wrong types, sizes, NUL, odd unicode, prototype keys, broken syntax. */
export function hostileJsonBody(schema: JsonSchema | undefined, resolve: (schema: JsonSchema) => JsonSchema) {
  const s = schema ? resolve(schema) : {};
  const keys = Object.keys(s.properties ?? {});
  const anyKey = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string()) : fc.string();
  const wrongValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.constantFrom('\u0000', 'a\u0000b', '\uD800', '\u202Eevil', '﻿', '🙂'.repeat(300), 'x'.repeat(70_000)),
    fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 1, 1.5),
    fc.constantFrom({}, [], null, true, '', ' '),
    fc.constant({ __proto__: { polluted: true } }),
  );
  const object = fc.dictionary(anyKey, wrongValue, { maxKeys: 6 }).map((value) => JSON.stringify(value));
  const prototypeKeys = fc
    .constantFrom(
      '{"__proto__":{"role":"admin"}}',
      '{"constructor":{"prototype":{"role":"admin"}}}',
      `{"__proto__":null,${keys.map((key) => `"${key}":"x"`).join(',') || '"a":1'}}`,
    )
    .map((text) => text);
  const broken = fc.oneof(
    fc.constantFrom(
      '{',
      '}',
      '[',
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      'null',
      'undefined',
      'NaN',
      '"\u0000"',
      '\u0000',
    ),
    fc.jsonValue().map((value) => JSON.stringify(value)?.slice(0, -1) ?? '{'),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  const deep = fc
    .integer({ min: 100, max: 5_000 })
    .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
  return fc.oneof(
    { weight: 4, arbitrary: object },
    { weight: 1, arbitrary: prototypeKeys },
    { weight: 3, arbitrary: broken },
    { weight: 1, arbitrary: deep },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null') },
  );
}

/** Media types a client might wrongly send with a body. */
export const hostileContentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'text/csv',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/vnd.api+json',
  'application/json\u0001',
  '',
);

/** Broken org chart files for the CSV import. */
export const hostileCsv = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 6 }), { maxLength: 20 })
    .map((rows) => `email,name,manager_email,role\n${rows.map((row) => row.join(',')).join('\n')}`),
  fc.constantFrom(
    'email,name,manager_email\n"unclosed,Ann,\n',
    'email,name,manager_email\n"a"b@example.com,Ann,\n',
    '\uFEFF\uFEFFemail,name\n',
    'email,email,email\n',
    `email,name,manager_email\n${'x,'.repeat(10_000)}\n`,
  ),
);
