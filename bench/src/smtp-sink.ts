import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for the API's SMTP_URL. */
  url: string;
  /** Messages received so far. */
  received(): number;
  /** When the first message after `since` (a performance.now() time) arrived. */
  firstArrivalAfter(since: number): number | undefined;
  /** Waits until `count` messages arrived in all; when the last of them did (performance.now()). */
  arrivalOf(count: number, timeoutMs: number): Promise<number>;
  /** The password-setup token last mailed to this address, if any. */
  setupToken(address: string): string | undefined;
  close(): Promise<void>;
}

/** The token in a setup link; the text part may be quoted-printable (`=` as `=3D`, soft breaks). */
function setupTokenIn(raw: string): string | undefined {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  return /set-password#t=([A-Za-z0-9_-]{20,})/.exec(unfolded)?.[1];
}

/**
 * The mail relay a production API needs (it refuses to start without SMTP_URL): a real SMTP server
 * on loopback that accepts everything, counts it, and keeps only password-setup links (for the
 * leader's login). Survey invitations are received and dropped.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const arrivals: number[] = [];
  const setupTokens = new Map<string, string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        arrivals.push(performance.now());
        const token = setupTokenIn(Buffer.concat(chunks).toString('utf8'));
        if (token) {
          for (const recipient of session.envelope.rcptTo)
            setupTokens.set(recipient.address.toLowerCase(), token);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => arrivals.length,
    firstArrivalAfter: (since) => arrivals.find((time) => time >= since),
    async arrivalOf(count, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (arrivals.length < count) {
        if (performance.now() > deadline) throw new Error(`SMTP sink: ${arrivals.length} of ${count} emails`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return arrivals[count - 1]!;
    },
    setupToken: (address) => setupTokens.get(address.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
