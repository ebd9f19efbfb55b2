/**
 * Padding a team (rule 11): an admin who adds addresses they control to a small team, and answers
 * for them, can read the one real rater's answers. The product cannot tell a real new colleague
 * from a planted one, so it makes newcomers visible: raters see how many of their group are new
 * before they answer, and admins see it before they open a round.
 */
export const RECENT_JOINER_DAYS = 30;

const DAY_MS = 86_400_000;

/** Joined the org chart, or got their current manager, within 30 days before the round opens. */
export function isRecentJoiner(person: { createdAt: Date; teamSince: Date }, opensAt: Date): boolean {
  const from = opensAt.getTime() - RECENT_JOINER_DAYS * DAY_MS;
  const joined = Math.max(person.createdAt.getTime(), person.teamSince.getTime());
  return joined >= from;
}
