import { z } from 'zod';

/** GET /metrics: the scraper's credentials, when the server sets METRICS_TOKEN. */
export const metricsHeadersSchema = z.object({
  authorization: z
    .string()
    .max(1024)
    .optional()
    .describe('`Bearer <METRICS_TOKEN>`; required when the server sets METRICS_TOKEN'),
});

/** The scrape: Prometheus text exposition format, version 0.0.4. */
export const metricsTextSchema = z.string().describe('Prometheus text format (version 0.0.4)');
