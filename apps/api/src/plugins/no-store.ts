import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Every API reply is someone's own data (a session, a leader's results, a rater's survey) or a
 * moment's state: no browser, proxy or CDN may keep a copy. A route that wants caching sets its
 * own Cache-Control.
 */
export const noStore = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
      return payload;
    });
  },
  { name: 'no-store' },
);
