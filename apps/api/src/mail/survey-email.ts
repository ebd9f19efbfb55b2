import type { Locale, RaterGroup } from '@resonance/domain';
import { anonymityNotice, formatDeadline } from '../survey/anonymity-notice';

export type SurveyEmailKind = 'invitation' | 'reminder';

export interface SurveyEmailInput {
  kind: SurveyEmailKind;
  locale: Locale;
  orgName: string;
  raterName: string;
  leaderName: string;
  raterGroup: RaterGroup;
  closesAt: Date;
  /** The organisation's time zone: the deadline is stated in it, and named. */
  timeZone: string;
  /** The organisation's anonymity threshold k. */
  threshold: number;
  /** The round's small-team mode: the privacy notice says small groups may be combined. */
  smallTeamMode?: boolean;
  /** `WEB_URL/survey#t=<token>`: the token travels only in the fragment, which browsers never send. */
  link: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Builds the link for a token; the fragment keeps it out of server logs, proxies and Referer headers. */
export function surveyLink(webUrl: string, token: string): string {
  return `${webUrl.replace(/\/+$/, '')}/survey#t=${token}`;
}

interface EmailCopy {
  subject: string;
  greeting: string;
  intro: string[];
  button: string;
  linkNote: string;
  privacyHeading: string;
  privacy: string[];
  closing: string;
}

/**
 * Invitation and reminder emails, German or English. Trust is the product, so every email says
 * plainly who will see what, and when, in the same words as the survey page.
 */
export function renderSurveyEmail(input: SurveyEmailInput): RenderedEmail {
  const copy = input.locale === 'de' ? germanCopy(input) : englishCopy(input);
  const text = [
    copy.greeting,
    '',
    ...copy.intro.flatMap((paragraph) => [paragraph, '']),
    `${copy.button}: ${input.link}`,
    copy.linkNote,
    '',
    copy.privacyHeading,
    ...copy.privacy.map((line) => `- ${line}`),
    '',
    copy.closing,
    '',
  ].join('\n');

  const html = `<!doctype html>
<html lang="${input.locale}">
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1c1917;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p>${escapeHtml(copy.greeting)}</p>
${copy.intro.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<p style="margin:24px 0"><a href="${escapeHtml(input.link)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(copy.button)}</a></p>
<p style="font-size:14px;color:#57534e">${escapeHtml(copy.linkNote)}<br><a href="${escapeHtml(input.link)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(input.link)}</a></p>
<h2 style="font-size:16px;margin-top:24px">${escapeHtml(copy.privacyHeading)}</h2>
<ul>
${copy.privacy.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}
</ul>
<p>${escapeHtml(copy.closing)}</p>
</div>
</body>
</html>
`;
  return { subject: copy.subject, text, html };
}

function englishCopy(input: SurveyEmailInput): EmailCopy {
  const deadline = formatDeadline(input.closesAt, 'en', input.timeZone);
  const self = input.raterGroup === 'self';
  const reminder = input.kind === 'reminder';
  const role: Record<RaterGroup, string> = {
    direct_report: `as someone who reports to ${input.leaderName}`,
    peer: `as a peer of ${input.leaderName}`,
    manager: `as ${input.leaderName}'s manager`,
    self: '',
  };
  const intro = self
    ? [
        reminder
          ? `A reminder: your self-assessment in ${input.orgName}'s leadership feedback round is still open until ${deadline}.`
          : `${input.orgName} has started a leadership feedback round. Please rate your own leadership on the same statements your team answers. It takes about 5 to 8 minutes.`,
      ]
    : [
        reminder
          ? `A reminder: you can still give feedback on how ${input.leaderName} leads until ${deadline}. It takes about 5 to 8 minutes.`
          : `${input.orgName} invites you, ${role[input.raterGroup]}, to give anonymous feedback on how ${input.leaderName} leads. It takes about 5 to 8 minutes; the round closes on ${deadline}.`,
      ];
  if (reminder) intro.push('This link replaces the one in earlier emails, which no longer works.');

  const privacy = anonymityNotice({ ...input, locale: 'en' });

  return {
    subject: self
      ? reminder
        ? `Reminder: your self-assessment closes on ${deadline}`
        : `Your self-assessment – ${input.orgName} leadership feedback`
      : reminder
        ? `Reminder: feedback for ${input.leaderName} closes on ${deadline}`
        : `Your anonymous feedback for ${input.leaderName}`,
    greeting: `Hello ${input.raterName},`,
    intro,
    button: self ? 'Start the self-assessment' : 'Give feedback',
    linkNote: 'The link is personal and works once. Please do not forward it.',
    privacyHeading: 'Who sees what, and when',
    privacy,
    closing: 'Thank you for taking the time.',
  };
}

function germanCopy(input: SurveyEmailInput): EmailCopy {
  const deadline = formatDeadline(input.closesAt, 'de', input.timeZone);
  const self = input.raterGroup === 'self';
  const reminder = input.kind === 'reminder';
  const role: Record<RaterGroup, string> = {
    direct_report: `als Mitarbeiterin oder Mitarbeiter von ${input.leaderName}`,
    peer: `als Kollegin oder Kollege von ${input.leaderName}`,
    manager: `als vorgesetzte Führungskraft von ${input.leaderName}`,
    self: '',
  };
  const intro = self
    ? [
        reminder
          ? `Eine Erinnerung: Ihre Selbsteinschätzung in der Feedbackrunde von ${input.orgName} ist noch bis ${deadline} offen.`
          : `${input.orgName} hat eine Feedbackrunde zur Führung gestartet. Bitte schätzen Sie Ihre eigene Führung anhand derselben Aussagen ein, die auch Ihr Team beantwortet. Das dauert etwa 5 bis 8 Minuten.`,
      ]
    : [
        reminder
          ? `Eine Erinnerung: Sie können noch bis ${deadline} Feedback zur Führung von ${input.leaderName} geben. Das dauert etwa 5 bis 8 Minuten.`
          : `${input.orgName} lädt Sie ${role[input.raterGroup]} ein, anonym Feedback zur Führung von ${input.leaderName} zu geben. Das dauert etwa 5 bis 8 Minuten; die Runde endet am ${deadline}.`,
      ];
  if (reminder) intro.push('Dieser Link ersetzt den aus früheren E-Mails, der nicht mehr funktioniert.');

  const privacy = anonymityNotice({ ...input, locale: 'de' });

  return {
    subject: self
      ? reminder
        ? `Erinnerung: Ihre Selbsteinschätzung endet am ${deadline}`
        : `Ihre Selbsteinschätzung – Führungsfeedback bei ${input.orgName}`
      : reminder
        ? `Erinnerung: Feedback für ${input.leaderName} endet am ${deadline}`
        : `Ihr anonymes Feedback für ${input.leaderName}`,
    greeting: `Hallo ${input.raterName},`,
    intro,
    button: self ? 'Selbsteinschätzung starten' : 'Feedback geben',
    linkNote: 'Der Link ist persönlich und funktioniert einmal. Bitte leiten Sie ihn nicht weiter.',
    privacyHeading: 'Wer sieht was, und wann',
    privacy,
    closing: 'Vielen Dank, dass Sie sich die Zeit nehmen.',
  };
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
