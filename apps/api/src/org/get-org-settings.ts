import type { OrgSettings } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';
import { orgSettingsSelect } from './org-settings';

export async function getOrgSettings({ db, orgId }: { db: Db; orgId: string }): Promise<OrgSettings> {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: orgSettingsSelect });
  if (!org) throw new AppError('notFound', 'No such organisation.');
  return org;
}
