import type { Locale, RaterGroup } from '@resonance/domain';

export interface AnonymityNoticeInput {
  locale: Locale;
  raterGroup: RaterGroup;
  leaderName: string;
  orgName: string;
  /** The round's anonymity threshold k, fixed when it opened. */
  threshold: number;
  closesAt: Date;
  /** The organisation's IANA zone, named with the deadline; UTC where it is not known. */
  timeZone?: string;
  /** The rater's group as fixed when the round opened; absent where it is not known (emails). */
  group?: { invited: number; recentlyJoined: number; recentDays: number };
  /** The round's small-team mode, fixed when it opened: small groups may be combined. */
  smallTeamMode?: boolean;
}

/** One formatter per locale and zone: building an Intl.DateTimeFormat costs more than a whole email's text. */
const deadlineFormats = new Map<string, Intl.DateTimeFormat>();

/** "14. März 2027 um 18:00 (Europe/Berlin)": the organisation's zone, named. */
export function formatDeadline(date: Date, locale: Locale, timeZone = 'UTC'): string {
  const key = `${locale} ${timeZone}`;
  let format = deadlineFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    });
    deadlineFormats.set(key, format);
  }
  return timeZone === 'UTC' ? `${format.format(date)} UTC` : `${format.format(date)} (${timeZone})`;
}

/**
 * Who will see what, and when, in plain words. The invitation email and the survey page show
 * the same sentences, so what raters are promised is what the privacy gate enforces.
 */
export function anonymityNotice(input: AnonymityNoticeInput): string[] {
  return input.locale === 'de' ? germanNotice(input) : englishNotice(input);
}

function englishGroupNotice({ group, leaderName }: AnonymityNoticeInput): string[] {
  if (!group) return [];
  const invited = `${group.invited} ${group.invited === 1 ? 'person was' : 'people were'} invited in your group for ${leaderName}.`;
  if (group.recentlyJoined === 0) return [invited];
  return [
    `${invited} ${group.recentlyJoined} of them joined the organisation or this team in the ${group.recentDays} days before the round opened. We tell you so that a small group filled up with new names cannot go unnoticed: if that surprises you, ask your administrator or works council before you answer.`,
  ];
}

function germanGroupNotice({ group, leaderName }: AnonymityNoticeInput): string[] {
  if (!group) return [];
  const invited = `In Ihrer Gruppe für ${leaderName} ${group.invited === 1 ? 'wurde 1 Person' : `wurden ${group.invited} Personen`} eingeladen.`;
  if (group.recentlyJoined === 0) return [invited];
  return [
    `${invited} ${group.recentlyJoined} davon ${group.recentlyJoined === 1 ? 'ist' : 'sind'} in den ${group.recentDays} Tagen vor Beginn der Runde neu in die Organisation oder dieses Team gekommen. Wir sagen Ihnen das, damit eine kleine Gruppe, die mit neuen Namen aufgefüllt wurde, nicht unbemerkt bleibt: Wenn Sie das überrascht, fragen Sie vor dem Antworten Ihre Administration oder den Betriebsrat.`,
  ];
}

function englishNotice(input: AnonymityNoticeInput) {
  const { raterGroup, leaderName, orgName, threshold, closesAt, timeZone } = input;
  const deadline = formatDeadline(closesAt, 'en', timeZone);
  if (raterGroup === 'self') {
    return [
      `Only you see your self-assessment: it appears in your results after the round closes on ${deadline}, labelled as your own view, next to the results of the others. It is never mixed into the others' results, and administrators of ${orgName} do not see it.`,
      input.smallTeamMode
        ? `Others' results are shown only for groups in which at least ${threshold} people answered. When every group is smaller but together at least ${threshold} answered, you see one combined result of all of them instead, and no group on its own; otherwise smaller groups are left out completely, totals included.`
        : `Others' results are shown only for groups in which at least ${threshold} people answered; smaller groups are left out completely, totals included.`,
    ];
  }
  return [
    'Your answers are anonymous: they are stored without your name, without your link and without the time you answered. Until the round closes they are kept sealed; then they are mixed with the others of the round.',
    `${leaderName} sees results only after the round closes on ${deadline}, and only per group (direct reports, peers, manager).`,
    `A group is shown only when at least ${threshold} people in it have answered. Smaller groups are left out completely, totals included.`,
    ...(input.smallTeamMode
      ? [
          `In this round small groups can be combined: if every group for ${leaderName} is smaller than ${threshold} but together at least ${threshold} people answered, ${leaderName} sees one result of all of them together. No group is then shown on its own, and ${leaderName}'s self-assessment is never part of it.`,
        ]
      : []),
    ...englishGroupNotice(input),
    ...(raterGroup === 'manager'
      ? [
          input.smallTeamMode
            ? `The manager group usually has a single member, so it is marked as identifiable and is never shown on its own unless at least ${threshold} people answered in it; in a combined result it is one of at least ${threshold}.`
            : `The manager group usually has a single member, so it is marked as identifiable and stays hidden unless at least ${threshold} people answered in it.`,
        ]
      : []),
    'Comments follow the same rule and are shown shuffled, apart from any scores.',
    `No one, neither ${leaderName} nor the administrators, is ever shown who has answered or what any one person answered.`,
  ];
}

function germanNotice(input: AnonymityNoticeInput) {
  const { raterGroup, leaderName, orgName, threshold, closesAt, timeZone } = input;
  const deadline = formatDeadline(closesAt, 'de', timeZone);
  if (raterGroup === 'self') {
    return [
      `Ihre Selbsteinschätzung sehen nur Sie: Sie erscheint nach dem Ende der Runde am ${deadline} in Ihren Ergebnissen, als Ihre eigene Sicht gekennzeichnet, neben den Ergebnissen der anderen. Sie fließt nie in die Ergebnisse der anderen ein, und die Administration von ${orgName} sieht sie nicht.`,
      input.smallTeamMode
        ? `Die Ergebnisse der anderen erscheinen nur für Gruppen, in denen mindestens ${threshold} Personen geantwortet haben. Sind alle Gruppen kleiner, haben zusammen aber mindestens ${threshold} geantwortet, sehen Sie stattdessen ein gemeinsames Ergebnis aller und keine Gruppe einzeln; sonst fallen kleinere Gruppen ganz weg, auch aus den Gesamtwerten.`
        : `Die Ergebnisse der anderen erscheinen nur für Gruppen, in denen mindestens ${threshold} Personen geantwortet haben; kleinere Gruppen fallen ganz weg, auch aus den Gesamtwerten.`,
    ];
  }
  return [
    'Ihre Antworten sind anonym: Sie werden ohne Ihren Namen, ohne Ihren Link und ohne den Zeitpunkt Ihrer Antwort gespeichert. Bis zum Ende der Runde bleiben sie verschlüsselt; dann werden sie mit den anderen Antworten der Runde gemischt.',
    `${leaderName} sieht Ergebnisse erst nach dem Ende der Runde am ${deadline}, und nur je Gruppe (Mitarbeitende, Kolleginnen und Kollegen, Vorgesetzte).`,
    `Eine Gruppe wird nur gezeigt, wenn mindestens ${threshold} Personen darin geantwortet haben. Kleinere Gruppen fallen ganz weg, auch aus den Gesamtwerten.`,
    ...(input.smallTeamMode
      ? [
          `In dieser Runde können kleine Gruppen zusammengefasst werden: Ist jede Gruppe für ${leaderName} kleiner als ${threshold}, haben zusammen aber mindestens ${threshold} Personen geantwortet, sieht ${leaderName} ein gemeinsames Ergebnis aller. Keine Gruppe wird dann einzeln gezeigt, und die Selbsteinschätzung von ${leaderName} gehört nie dazu.`,
        ]
      : []),
    ...germanGroupNotice(input),
    ...(raterGroup === 'manager'
      ? [
          input.smallTeamMode
            ? `Die Gruppe der Vorgesetzten besteht meist aus einer Person; sie ist daher als identifizierbar gekennzeichnet und wird nie einzeln gezeigt, solange darin nicht mindestens ${threshold} Personen geantwortet haben; in einem gemeinsamen Ergebnis ist sie eine von mindestens ${threshold}.`
            : `Die Gruppe der Vorgesetzten besteht meist aus einer Person; sie ist daher als identifizierbar gekennzeichnet und bleibt verborgen, solange darin nicht mindestens ${threshold} Personen geantwortet haben.`,
        ]
      : []),
    'Für Kommentare gilt dieselbe Regel; sie erscheinen gemischt und getrennt von allen Bewertungen.',
    `Niemand, weder ${leaderName} noch die Administration, sieht jemals, wer geantwortet hat oder was eine einzelne Person geantwortet hat.`,
  ];
}
