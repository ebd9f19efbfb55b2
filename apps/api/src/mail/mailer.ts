import type { Db } from '@resonance/db';
import nodemailer from 'nodemailer';
import type { Env } from '../env';

/** What an email is for; the metrics count by it (never reminders, see metrics/counting-mailer.ts). */
export type EmailKind = 'invitation' | 'reminder' | 'password-setup';

export interface OutgoingEmail {
  kind: EmailKind;
  /** The organisation the email belongs to; lets admins read their own outbox in development. */
  orgId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends emails; where they go (SMTP or the outbox table) is decided once, at start. */
export interface Mailer {
  readonly transport: 'smtp' | 'outbox';
  send(email: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}

/**
 * SMTP (nodemailer) when SMTP_URL is set; otherwise the emails are stored in the outbox table,
 * where admins can read them through `GET /dev/outbox`. Development only: stored emails hold working
 * survey links and show who was reminded, so production refuses to start without SMTP_URL.
 */
export function createMailer({ env, db }: { env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM'>; db: Db }): Mailer {
  if (env.SMTP_URL) return smtpMailer(env.SMTP_URL, env.MAIL_FROM);
  return outboxMailer(db);
}

/**
 * A pooled transport: a round's invitations go over a few reused connections instead of one SMTP
 * session per email.
 */
function smtpMailer(url: string, from: string): Mailer {
  const transporter = nodemailer.createTransport(
    { url, pool: true, maxConnections: 4, maxMessages: 500 },
    { from },
  );
  return {
    transport: 'smtp',
    async send({ to, subject, text, html }) {
      await transporter.sendMail({ to, subject, text, html });
    },
    async close() {
      transporter.close();
    },
  };
}

function outboxMailer(db: Db): Mailer {
  return {
    transport: 'outbox',
    async send({ orgId, to, subject, text, html }) {
      await db.outboxEmail.create({ data: { orgId, to, subject, text, html }, select: { id: true } });
    },
    async close() {},
  };
}
