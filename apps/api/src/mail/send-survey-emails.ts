import type { Locale, RaterGroup } from '@resonance/domain';
import type { Mailer } from './mailer';
import { renderSurveyEmail, type SurveyEmailKind, surveyLink } from './survey-email';

export interface SurveyEmailRecipient {
  orgId: string;
  orgName: string;
  to: string;
  raterName: string;
  leaderName: string;
  raterGroup: RaterGroup;
  locale: Locale;
  closesAt: Date;
  timeZone: string;
  threshold: number;
  smallTeamMode?: boolean;
  /** The raw token; it exists only in memory between issuing and this email. */
  token: string;
}

export interface SendOutcome {
  sent: number;
  failed: number;
}

/**
 * Sends invitation or reminder emails a few at a time. A failed email is counted, not retried: the
 * invitation stays valid, and the next reminder issues a fresh link.
 */
export async function sendSurveyEmails({
  mailer,
  webUrl,
  kind,
  recipients,
  concurrency = 4,
  onError,
}: {
  mailer: Mailer;
  webUrl: string;
  kind: SurveyEmailKind;
  recipients: readonly SurveyEmailRecipient[];
  concurrency?: number;
  onError?: (error: unknown) => void;
}): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < recipients.length) {
      const recipient = recipients[next++]!;
      const email = renderSurveyEmail({
        kind,
        locale: recipient.locale,
        orgName: recipient.orgName,
        raterName: recipient.raterName,
        leaderName: recipient.leaderName,
        raterGroup: recipient.raterGroup,
        closesAt: recipient.closesAt,
        timeZone: recipient.timeZone,
        threshold: recipient.threshold,
        smallTeamMode: recipient.smallTeamMode ?? false,
        link: surveyLink(webUrl, recipient.token),
      });
      try {
        await mailer.send({ kind, orgId: recipient.orgId, to: recipient.to, ...email });
        outcome.sent += 1;
      } catch (error) {
        outcome.failed += 1;
        onError?.(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, recipients.length) }, worker));
  return outcome;
}
