import type { Locale, RaterGroup } from '@resonance/domain';

export interface AnonymityNoticeInput {
  locale: Locale;
  raterGroup: RaterGroup;
  leaderName: string;
  orgName: string;
  /** The organisation's anonymity threshold k. */
  threshold: number;
  closesAt: Date;
}

export function formatDeadline(date: Date, locale: Locale): string {
  const formatted = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return `${formatted} UTC`;
}

/**
 * Who will see what, and when, in plain words. The invitation email and the survey page show
 * the same sentences, so what raters are promised is what the privacy gate enforces.
 */
export function anonymityNotice(input: AnonymityNoticeInput): string[] {
  return input.locale === 'de' ? germanNotice(input) : englishNotice(input);
}

function englishNotice({ raterGroup, leaderName, orgName, threshold, closesAt }: AnonymityNoticeInput) {
  const deadline = formatDeadline(closesAt, 'en');
  if (raterGroup === 'self') {
    return [
      `Only you see your self-assessment: it appears in your results after the round closes on ${deadline}, labelled as your own view, next to the results of the others. It is never mixed into the others' results, and administrators of ${orgName} do not see it.`,
      `Others' results are shown only for groups in which at least ${threshold} people answered; smaller groups are left out completely, totals included.`,
    ];
  }
  return [
    'Your answers are anonymous: they are stored without your name, without your link and without the time you answered.',
    `${leaderName} sees results only after the round closes on ${deadline}, and only per group (direct reports, peers, manager).`,
    `A group is shown only when at least ${threshold} people in it have answered. Smaller groups are left out completely, totals included.`,
    ...(raterGroup === 'manager'
      ? [
          `The manager group usually has a single member, so it is marked as identifiable and stays hidden unless at least ${threshold} people answered in it.`,
        ]
      : []),
    'Comments follow the same rule and are shown shuffled, apart from any scores.',
    `No one, neither ${leaderName} nor the administrators, is ever shown who has answered or what any one person answered.`,
  ];
}

function germanNotice({ raterGroup, leaderName, orgName, threshold, closesAt }: AnonymityNoticeInput) {
  const deadline = formatDeadline(closesAt, 'de');
  if (raterGroup === 'self') {
    return [
      `Ihre Selbsteinschätzung sehen nur Sie: Sie erscheint nach dem Ende der Runde am ${deadline} in Ihren Ergebnissen, als Ihre eigene Sicht gekennzeichnet, neben den Ergebnissen der anderen. Sie fließt nie in die Ergebnisse der anderen ein, und die Administration von ${orgName} sieht sie nicht.`,
      `Die Ergebnisse der anderen erscheinen nur für Gruppen, in denen mindestens ${threshold} Personen geantwortet haben; kleinere Gruppen fallen ganz weg, auch aus den Gesamtwerten.`,
    ];
  }
  return [
    'Ihre Antworten sind anonym: Sie werden ohne Ihren Namen, ohne Ihren Link und ohne den Zeitpunkt Ihrer Antwort gespeichert.',
    `${leaderName} sieht Ergebnisse erst nach dem Ende der Runde am ${deadline}, und nur je Gruppe (Mitarbeitende, Kolleginnen und Kollegen, Vorgesetzte).`,
    `Eine Gruppe wird nur gezeigt, wenn mindestens ${threshold} Personen darin geantwortet haben. Kleinere Gruppen fallen ganz weg, auch aus den Gesamtwerten.`,
    ...(raterGroup === 'manager'
      ? [
          `Die Gruppe der Vorgesetzten besteht meist aus einer Person; sie ist daher als identifizierbar gekennzeichnet und bleibt verborgen, solange darin nicht mindestens ${threshold} Personen geantwortet haben.`,
        ]
      : []),
    'Für Kommentare gilt dieselbe Regel; sie erscheinen gemischt und getrennt von allen Bewertungen.',
    `Niemand, weder ${leaderName} noch die Administration, sieht jemals, wer geantwortet hat oder was eine einzelne Person geantwortet hat.`,
  ];
}
