import type { Locale } from '@resonance/domain';
import { formatDeadline } from '../survey/anonymity-notice';

export interface PasswordSetupEmailInput {
  locale: Locale;
  name: string;
  orgName: string;
  link: string;
  expiresAt: Date;
  /** The organisation's IANA zone: the expiry is stated in the reader's local time, named. */
  timeZone: string;
}

/** The token rides in the fragment, which browsers never send to a server or put in a Referer. */
export function passwordSetupLink(webUrl: string, token: string): string {
  return `${webUrl.replace(/\/+$/, '')}/set-password#t=${token}`;
}

/** The email that lets a leader or admin set their password, in German or English. */
export function renderPasswordSetupEmail(input: PasswordSetupEmailInput) {
  const until = formatDeadline(input.expiresAt, input.locale, input.timeZone);
  const copy =
    input.locale === 'de'
      ? {
          subject: `Ihr Zugang zu Resonance bei ${input.orgName}`,
          greeting: `Hallo ${input.name},`,
          body: `für Sie wurde ein Zugang zu Resonance bei ${input.orgName} eingerichtet. Dort sehen Sie nach jeder Feedbackrunde, wie Ihre Führung bei Ihrem Team ankommt. Legen Sie über den folgenden Link Ihr Passwort fest.`,
          button: 'Passwort festlegen',
          note: `Der Link gilt einmal und bis ${until}. Wenn Sie keinen Zugang erwartet haben, können Sie diese E-Mail ignorieren.`,
        }
      : {
          subject: `Your Resonance account at ${input.orgName}`,
          greeting: `Hello ${input.name},`,
          body: `an account on Resonance has been set up for you at ${input.orgName}. After each feedback round it shows you how your leadership resonates with your team. Use the link below to choose your password.`,
          button: 'Choose a password',
          note: `The link works once and until ${until}. If you did not expect an account, you can ignore this email.`,
        };
  const text = [copy.greeting, '', copy.body, '', `${copy.button}: ${input.link}`, '', copy.note, ''].join(
    '\n',
  );
  const html = `<!doctype html>
<html lang="${input.locale}">
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1c1917;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p>${escapeHtml(copy.greeting)}</p>
<p>${escapeHtml(copy.body)}</p>
<p style="margin:24px 0"><a href="${escapeHtml(input.link)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(copy.button)}</a></p>
<p style="font-size:14px;color:#57534e">${escapeHtml(copy.note)}<br><a href="${escapeHtml(input.link)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(input.link)}</a></p>
</div>
</body>
</html>
`;
  return { subject: copy.subject, text, html };
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
