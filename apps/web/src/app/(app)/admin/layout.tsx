import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { devToolsEnabled } from '@/features/dev-tools/dev-tools';
import { requireAdmin } from '@/features/session/me';
import { MainNav } from '@/features/shell/main-nav';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  const t = await getTranslations('admin.nav');
  const items = [
    { href: '/admin/people', label: t('people') },
    { href: '/admin/import', label: t('import') },
    { href: '/admin/rounds', label: t('rounds') },
    { href: '/admin/results', label: t('results') },
    { href: '/admin/settings', label: t('settings') },
    { href: '/admin/audit', label: t('audit') },
  ];
  if (await devToolsEnabled()) items.push({ href: '/admin/outbox', label: t('outbox') });
  return (
    <>
      <MainNav
        className="subnav no-print"
        label={t('label')}
        items={[{ href: '/admin/overview', label: t('overview') }, ...items]}
      />
      {children}
    </>
  );
}
