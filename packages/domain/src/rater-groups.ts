import type { Localized } from './theses';

export const RATER_GROUPS = ['direct_report', 'peer', 'manager', 'self'] as const;

export type RaterGroup = (typeof RATER_GROUPS)[number];

export function isRaterGroup(value: unknown): value is RaterGroup {
  return typeof value === 'string' && (RATER_GROUPS as readonly string[]).includes(value);
}

/**
 * Groups that usually consist of one known person: the leader's own manager
 * and the leader themself. The UI must label them so no one mistakes them for
 * an anonymous crowd.
 */
export const IDENTIFIABLE_GROUPS: readonly RaterGroup[] = ['manager', 'self'];

export function isIdentifiableGroup(group: RaterGroup): boolean {
  return IDENTIFIABLE_GROUPS.includes(group);
}

export const RATER_GROUP_LABELS: Record<RaterGroup, Localized> = {
  direct_report: { en: 'Direct reports', de: 'Mitarbeitende' },
  peer: { en: 'Peers', de: 'Kolleginnen und Kollegen' },
  manager: { en: 'Manager', de: 'Vorgesetzte Führungskraft' },
  self: { en: 'Self-assessment', de: 'Selbsteinschätzung' },
};
