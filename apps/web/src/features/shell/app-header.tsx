import type { MeResponse } from '@resonance/contracts';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import { logout } from '@/features/session/session-actions';
import { MainNav, type NavItem } from './main-nav';

export async function AppHeader({ me }: { me: MeResponse }) {
  const t = await getTranslations('nav');
  const items: NavItem[] = [{ href: '/dashboard', label: t('dashboard') }];
  if (me.role === 'admin') items.push({ href: '/admin', label: t('admin') });

  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href="/" className="brand">
          <BrandMark />
          <span>Resonance</span>
        </Link>
        <MainNav items={items} label={t('label')} />
        <div className="user-menu">
          <span className="user-menu__name">
            <span className="visually-hidden">{t('signedInAs')} </span>
            {me.person.name} · {me.organisation.name}
          </span>
          <LanguageSwitch saveToAccount />
          <form action={logout}>
            <button type="submit" className="button button--small">
              {t('logout')}
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
