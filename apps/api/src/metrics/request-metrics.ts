import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { type ApiMetrics, coarseSeconds } from './api-metrics';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Leaves the route out of the request histogram (the scrape itself). */
    excludeFromMetrics?: boolean;
  }
}

/**
 * The anonymous survey routes share one series: a page load and a submit of answers must look
 * alike in a scrape (same route, method and status label, durations at bucket resolution), or
 * an admin holding the metrics token could watch a colleague submit.
 */
export const SURVEY_ROUTE_LABEL = '/api/v1/survey/*';
const isSurveyRoute = (url: string) => url === '/api/v1/survey' || url.startsWith('/api/v1/survey/');

/**
 * Admin actions whose duration grows with the answers of a round: a reminder emails everyone still
 * pending, a close mixes every ballot. The admin sees their latency anyway; the scrape keeps it
 * only coarsely, so it adds no finer count.
 */
const ANSWER_DEPENDENT_ROUTES = new Set(['POST /api/v1/rounds/:id/remind', 'POST /api/v1/rounds/:id/close']);

const STATUS_CLASSES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'];
const FOLDED_BELOW_5XX = '1xx-4xx';

type Observer = { observe(seconds: number): void };

/**
 * One route's children of the histogram, one per status class, made on first use: a request
 * costs one lookup by index and one observe, no label object.
 */
class RouteSeries {
  private readonly byClass: (Observer | undefined)[] = [];

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly method: string,
    private readonly route: string,
    private readonly fold: boolean,
    private readonly coarse: boolean,
  ) {}

  observe(statusCode: number, milliseconds: number) {
    let index = (statusCode / 100) | 0;
    if (index < 1 || index > 5) index = 0;
    if (this.fold && index !== 5) index = 0;
    let child = this.byClass[index];
    if (child === undefined) {
      const statusClass = this.fold && index === 0 ? FOLDED_BELOW_5XX : STATUS_CLASSES[index]!;
      child = this.metrics.httpRequestDuration.labels(this.method, this.route, statusClass);
      this.byClass[index] = child;
    }
    const seconds = milliseconds / 1000;
    child.observe(this.coarse ? coarseSeconds(seconds) : seconds);
  }
}

const observing =
  (series: RouteSeries): onResponseHookHandler =>
  (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    series.observe(reply.statusCode, reply.elapsedTime);
    done();
  };

/**
 * Times every request into resonance_http_request_duration_seconds by method, route template
 * (never the raw URL: it could hold ids) and status class. Registered before any route: each route
 * gets its own onResponse hook holding its series; requests no route matched share one series.
 */
export const requestMetrics = fp(
  async (app: FastifyInstance, { metrics }: { metrics: ApiMetrics }) => {
    const survey = new RouteSeries(metrics, 'ANY', SURVEY_ROUTE_LABEL, true, true);
    const unmatched = new RouteSeries(metrics, 'ANY', 'unmatched', false, false);

    app.addHook('onRoute', (route) => {
      if (route.config?.excludeFromMetrics) return;
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
      const series = isSurveyRoute(route.url)
        ? survey
        : new RouteSeries(
            metrics,
            methods,
            route.url,
            false,
            ANSWER_DEPENDENT_ROUTES.has(`${methods} ${route.url}`),
          );
      const existing = route.onResponse;
      route.onResponse = [
        ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
        observing(series),
      ];
    });

    // The not-found handler (404, 405) is the only place without a route of its own.
    app.addHook('onResponse', (request, reply, done) => {
      if (request.is404) unmatched.observe(reply.statusCode, reply.elapsedTime);
      done();
    });
  },
  { name: 'request-metrics' },
);
