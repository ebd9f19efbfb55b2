import type { Mailer } from '../mail/mailer';
import type { MailMetrics } from './api-metrics';

/**
 * Counts the emails the mailer sends and fails, by kind. Reminders pass uncounted: they go only to
 * those who have not answered, so their number is the number of people pending in a round, groups
 * below k included — the count the reminder reply deliberately leaves out (docs/anonymity.md).
 */
export function countingMailer(mailer: Mailer, metrics: MailMetrics): Mailer {
  return {
    transport: mailer.transport,
    async send(email) {
      if (email.kind === 'reminder') return mailer.send(email);
      try {
        await mailer.send(email);
      } catch (error) {
        metrics.failed(email.kind);
        throw error;
      }
      metrics.sent(email.kind);
    },
    close: () => mailer.close(),
  };
}
