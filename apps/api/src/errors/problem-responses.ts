import { problemSchema } from '@resonance/contracts';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429;

/** Documents the problem+json responses a route can give, for OpenAPI and the serializer. */
export function problemResponses<const Statuses extends readonly ErrorStatus[]>(...statuses: Statuses) {
  return Object.fromEntries(statuses.map((status) => [status, problemSchema])) as {
    [Status in Statuses[number]]: typeof problemSchema;
  };
}
