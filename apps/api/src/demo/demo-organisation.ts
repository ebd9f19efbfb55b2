import type { ThesisKey } from '@resonance/domain';

/**
 * Nordlicht Logistik GmbH: a managing director, an HR admin and five leaders who share her as
 * manager (so they are each other's peers), with teams of 4–8. Thomas Brandt's IT team is small
 * and answers sparsely, so his direct-report results stay below k: suppression is visible.
 */
export const DEMO_ORGANISATION = { name: 'Nordlicht Logistik GmbH', slug: 'nordlicht-logistik' } as const;
export const DEMO_DOMAIN = 'demo.resonance.local';
export const DEMO_PASSWORD = 'resonance-demo';

export interface DemoLeader {
  key: string;
  name: string;
  email: string;
  team: string;
  teamSize: number;
  /** Share of the team answering a round; null: exactly two answer (below k). */
  participation: number | null;
  /** How others see the leader per thesis, in the first round (1..5). */
  base: Record<ThesisKey, number>;
  /** Change per quarter on top of the organisation's trend. */
  trend: Partial<Record<ThesisKey, number>>;
  /** Self-rating minus others' view: positive is a blind spot, negative a hidden strength. */
  selfBias: Partial<Record<ThesisKey, number>> & { all?: number };
}

const scores = (...values: number[]) =>
  Object.fromEntries(
    (
      [
        'visibility',
        'values',
        'presence',
        'reliability',
        'channels',
        'dialogue',
        'humanity',
        'criticism',
        'renewal',
      ] as const
    ).map((key, index) => [key, values[index]!]),
  ) as Record<ThesisKey, number>;

export const DEMO_DIRECTOR = { name: 'Dr. Katrin Albers', email: `katrin.albers@${DEMO_DOMAIN}` };
export const DEMO_ADMIN = { name: 'Jonas Weber', email: `admin@${DEMO_DOMAIN}` };

export const DEMO_LEADERS: readonly DemoLeader[] = [
  {
    key: 'leader1',
    name: 'Sabine Krüger',
    email: `leader1@${DEMO_DOMAIN}`,
    team: 'Lager & Umschlag',
    teamSize: 8,
    participation: 0.85,
    base: scores(4.2, 3.9, 3.5, 4.4, 3.3, 3.3, 4.0, 3.5, 3.3),
    trend: { dialogue: 0.25, criticism: 0.1 },
    selfBias: { all: 0.15 },
  },
  {
    key: 'leader2',
    name: 'Markus Hoffmann',
    email: `leader2@${DEMO_DOMAIN}`,
    team: 'Disposition',
    teamSize: 7,
    participation: 0.8,
    base: scores(3.2, 3.6, 3.9, 3.5, 3.7, 2.8, 3.0, 2.8, 3.4),
    trend: { criticism: -0.12, dialogue: -0.05 },
    selfBias: { dialogue: 1.4, criticism: 1.5, visibility: 0.8, humanity: -0.1 },
  },
  {
    key: 'leader3',
    name: 'Aylin Demir',
    email: `leader3@${DEMO_DOMAIN}`,
    team: 'Kundenservice',
    teamSize: 6,
    participation: 0.9,
    base: scores(4.3, 4.1, 3.8, 4.2, 4.2, 4.4, 4.5, 4.0, 3.9),
    trend: { reliability: -0.22 },
    selfBias: { humanity: -1.1, dialogue: -0.9, channels: -0.6 },
  },
  {
    key: 'leader4',
    name: 'Thomas Brandt',
    email: `leader4@${DEMO_DOMAIN}`,
    team: 'IT',
    teamSize: 4,
    participation: null,
    base: scores(2.9, 3.4, 3.1, 3.8, 3.0, 3.2, 3.1, 3.3, 4.1),
    trend: { visibility: 0.1 },
    selfBias: { all: 0.4 },
  },
  {
    key: 'leader5',
    name: 'Julia Neumann',
    email: `leader5@${DEMO_DOMAIN}`,
    team: 'Fuhrpark',
    teamSize: 8,
    participation: 0.75,
    base: scores(3.3, 3.8, 3.3, 3.7, 3.5, 3.6, 3.9, 3.8, 4.0),
    trend: { visibility: 0.25, presence: 0.18 },
    selfBias: { all: -0.1, renewal: 0.6 },
  },
];

/** Organisation-wide change per quarter: new chat tools land well, meetings slip. */
export const DEMO_ORG_TREND: Partial<Record<ThesisKey, number>> = {
  channels: 0.18,
  renewal: 0.08,
  presence: -0.14,
};

/** Team members, in order; 33 people for teams of 8 + 7 + 6 + 4 + 8. */
export const DEMO_TEAM_MEMBERS: readonly string[] = [
  'Lukas Schmidt',
  'Anna Schneider',
  'Felix Fischer',
  'Lea Meyer',
  'Paul Wagner',
  'Marie Becker',
  'Jan Schulz',
  'Sophie Koch',
  'Tim Richter',
  'Laura Klein',
  'Niklas Wolf',
  'Hannah Schröder',
  'David Zimmermann',
  'Emma Braun',
  'Leon Hartmann',
  'Mia Lange',
  'Ben Schmitt',
  'Clara Werner',
  'Elias Krause',
  'Nele Meier',
  'Finn Lehmann',
  'Ida Köhler',
  'Moritz Herrmann',
  'Lina König',
  'Jonas Walter',
  'Emilia Mayer',
  'Noah Huber',
  'Greta Kaiser',
  'Luis Fuchs',
  'Frieda Peters',
  'Anton Lang',
  'Mathilda Scholz',
  'Oskar Möller',
];

/** A few colleagues read and answer in English. */
export const DEMO_ENGLISH_SPEAKERS: ReadonlySet<string> = new Set([
  'Noah Huber',
  'Clara Werner',
  'Tim Richter',
]);

export function demoEmail(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
  return `${ascii}@${DEMO_DOMAIN}`;
}
