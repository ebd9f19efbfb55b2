import type { ListPeopleResponse } from '@resonance/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { ProblemNotice } from '@/components/problem-notice';
import { defaultSchedule } from '@/features/rounds/default-schedule';
import { RoundForm } from '@/features/rounds/round-form';
import { api, attempt } from '@/lib/api/server-api';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('rounds.form');
  return { title: t('title') };
}

export default async function NewRoundPage() {
  const t = await getTranslations('rounds.form');
  const result = await attempt(
    api<ListPeopleResponse>('/people', { query: { role: 'leader', active: true, pageSize: 200 } }),
  );
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const leaders = result.data.items.map((person) => ({
    id: person.id,
    name: person.name,
    email: person.email,
  }));
  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <p className="eyebrow">
            <Link href="/admin/rounds">{t('back')}</Link>
          </p>
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
      </header>
      <RoundForm leaders={leaders} defaults={defaultSchedule(new Date(), await getTimeZone())} />
    </div>
  );
}
