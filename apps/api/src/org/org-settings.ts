import type { Prisma } from '@resonance/db';

/** The columns that make up an organisation's settings, shared by the read and the update. */
export const orgSettingsSelect = {
  id: true,
  name: true,
  slug: true,
  defaultLocale: true,
  anonymityThreshold: true,
  timeZone: true,
  smallTeamMode: true,
  rawAnswerRetentionDays: true,
} satisfies Prisma.OrganisationSelect;
