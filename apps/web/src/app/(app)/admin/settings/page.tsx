import type { OrgSettings, OrgSso } from '@resonance/contracts';
import { supportedTimeZones } from '@resonance/domain';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ProblemNotice } from '@/components/problem-notice';
import { DeleteOrganisation } from '@/features/org-settings/delete-organisation';
import { SettingsForm } from '@/features/org-settings/settings-form';
import { SsoSettingsForm } from '@/features/org-settings/sso-settings-form';
import { api, attempt } from '@/lib/api/server-api';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('settings');
  return { title: t('title') };
}

export default async function SettingsPage() {
  const t = await getTranslations('settings');
  const [result, sso] = await Promise.all([
    attempt(api<OrgSettings>('/org/settings')),
    attempt(api<OrgSso>('/org/sso')),
  ]);
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  return (
    <div className="stack stack--lg page--narrow" style={{ margin: 0 }}>
      <header className="page-header">
        <div className="page-header__text">
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
      </header>
      <SettingsForm
        settings={result.data}
        timeZones={[...supportedTimeZones()].sort((a, b) => a.localeCompare(b))}
      />
      {sso.ok ? <SsoSettingsForm sso={sso.data} /> : <ProblemNotice problem={sso.problem} headingLevel={2} />}
      <DeleteOrganisation slug={result.data.slug} />
    </div>
  );
}
