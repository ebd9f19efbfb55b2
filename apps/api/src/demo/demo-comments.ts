import type { ThesisKey } from '@resonance/domain';

/** Free-text answers raters might give, in German, written for the demo. */
export const DEMO_THESIS_COMMENTS: Record<ThesisKey, { positive: string[]; critical: string[] }> = {
  visibility: {
    positive: [
      'Schaut fast jeden Morgen kurz in der Halle vorbei, das merkt man.',
      'Wenn es brennt, ist sie oder er sofort erreichbar.',
    ],
    critical: [
      'Ist oft tagelang nur per Mail zu erreichen.',
      'Man sieht sich eigentlich nur im Monatsmeeting.',
    ],
  },
  values: {
    positive: [
      'Man weiß, wofür sie oder er steht – auch wenn es unbequem wird.',
      'Klare Haltung bei Sicherheitsthemen, da gibt es keine Ausnahmen.',
    ],
    critical: [
      'Die Richtung ändert sich je nachdem, wer zuletzt etwas gesagt hat.',
      'Mir ist nicht klar, welche Prioritäten wirklich gelten.',
    ],
  },
  presence: {
    positive: ['Besprechungen sind gut vorbereitet und enden pünktlich.', 'Kommt schnell auf den Punkt.'],
    critical: [
      'Meetings beginnen oft zu spät und haben keine Agenda.',
      'In Videocalls wirkt es häufig nebenbei erledigt.',
    ],
  },
  reliability: {
    positive: [
      'Was zugesagt wird, passiert auch.',
      'Stellt sich vor das Team, wenn es Kritik von außen gibt.',
    ],
    critical: [
      'Zusagen zu Urlaub und Schichten wurden mehrmals wieder gekippt.',
      'Versprochene Rückmeldungen kommen selten.',
    ],
  },
  channels: {
    positive: [
      'Wichtiges kommt persönlich, Organisatorisches im Chat – das passt.',
      'Der neue Team-Kanal hat vieles leichter gemacht.',
    ],
    critical: [
      'Wichtige Änderungen erfahren wir zuerst über den Flurfunk.',
      'Zu viele Mails mit zu vielen Leuten in Kopie.',
    ],
  },
  dialogue: {
    positive: [
      'Fragt aktiv nach unserer Meinung und setzt Vorschläge auch um.',
      'Hört zu, ohne gleich zu bewerten.',
    ],
    critical: [
      'Entscheidungen stehen meist schon fest, bevor wir gefragt werden.',
      'Feedback verschwindet gefühlt in einer Schublade.',
    ],
  },
  humanity: {
    positive: [
      'Zeigt auch mal, wenn ihr oder ihm etwas nahegeht – das macht nahbar.',
      'Erkundigt sich ehrlich, wie es einem geht.',
    ],
    critical: [
      'Wirkt sehr distanziert, man weiß kaum etwas über die Person.',
      'Bleibt immer nur auf der Sachebene.',
    ],
  },
  criticism: {
    positive: [
      'Nimmt Kritik ernst und sagt offen, wenn etwas schiefgelaufen ist.',
      'Hat einen eigenen Fehler vor dem ganzen Team eingeräumt. Respekt.',
    ],
    critical: [
      'Reagiert auf Widerspruch schnell gereizt.',
      'Kritische Punkte werden abgetan statt besprochen.',
    ],
  },
  renewal: {
    positive: [
      'Traut sich, eingefahrene Abläufe zu ändern, und erklärt warum.',
      'Hat die neue Tourenplanung mutig angestoßen.',
    ],
    critical: [
      'Neue Ideen werden oft mit „haben wir immer so gemacht“ beendet.',
      'Ändert zu viel auf einmal, ohne Plan.',
    ],
  },
};

export const DEMO_KEEP_DOING: readonly string[] = [
  'Die kurzen Abstimmungen am Montagmorgen beibehalten.',
  'Weiter so offen über Zahlen und Ziele sprechen.',
  'Die Rückendeckung gegenüber anderen Abteilungen.',
  'Dass man jederzeit mit Fragen kommen kann.',
  'Erfolge des Teams sichtbar machen.',
  'Die klaren Prioritäten zu Wochenbeginn.',
];

export const DEMO_START_DOING: readonly string[] = [
  'Entscheidungen früher erklären, nicht erst im Nachhinein.',
  'Regelmäßige Einzelgespräche, auch wenn es gerade gut läuft.',
  'Öfter vor Ort sein statt nur im Büro.',
  'Bei Änderungen vorher das Team fragen.',
  'Meetings mit Agenda und festem Ende.',
  'Eigene Fehler offener ansprechen.',
  'Neue Tools gemeinsam mit dem Team auswählen.',
];

export const DEMO_SELF_COMMENTS: readonly string[] = [
  'Ich möchte mir mehr Zeit für Einzelgespräche nehmen.',
  'Im letzten Quartal war ich durch das Projekt oft nicht greifbar.',
  'Ich will Entscheidungen transparenter machen.',
];
