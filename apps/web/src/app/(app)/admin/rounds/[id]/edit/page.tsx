import type { ListPeopleResponse, RoundDetail } from '@resonance/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ProblemNotice } from '@/components/problem-notice';
import { RoundForm } from '@/features/rounds/round-form';
import { api, attempt } from '@/lib/api/server-api';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('rounds.form');
  return { title: t('editTitle') };
}

export default async function EditRoundPage({ params }: PageProps<'/admin/rounds/[id]/edit'>) {
  const { id } = await params;
  const t = await getTranslations('rounds.form');
  const result = await attempt(
    Promise.all([
      api<RoundDetail>(`/rounds/${encodeURIComponent(id)}`),
      api<ListPeopleResponse>('/people', { query: { role: 'leader', active: true, pageSize: 200 } }),
    ]),
  );
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const [round, people] = result.data;
  // Once a round has opened, its invitations exist: changing it would no longer mean anything.
  if (!round.allowedActions.includes('edit')) notFound();
  const leaders = people.items.map((person) => ({ id: person.id, name: person.name, email: person.email }));
  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <p className="eyebrow">
            <Link href={`/admin/rounds/${round.id}`}>{t('backToRound')}</Link>
          </p>
          <h1>{t('editTitle')}</h1>
          <p className="lead">{t('editLead')}</p>
        </div>
      </header>
      <RoundForm leaders={leaders} round={round} />
    </div>
  );
}
