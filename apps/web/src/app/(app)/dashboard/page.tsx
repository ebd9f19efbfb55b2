import type { LeaderDashboard, LeaderFocusList, ListPeopleResponse } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';
import { ProblemNotice } from '@/components/problem-notice';
import styles from '@/features/dashboard/dashboard.module.css';
import { DashboardView } from '@/features/dashboard/dashboard-view';
import { PrintMarginBoxes } from '@/features/dashboard/print-margin-boxes';
import { QuerySelect } from '@/features/dashboard/query-select';
import { ReportActions } from '@/features/dashboard/report-actions';
import { parseThesisOrder, type ThesisOrder } from '@/features/dashboard/report-model';
import { FocusSection } from '@/features/focus/focus-section';
import { getMe } from '@/features/session/me';
import { api, attempt } from '@/lib/api/server-api';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dashboard');
  return { title: t('metaTitle') };
}

export default async function DashboardPage({ searchParams }: PageProps<'/dashboard'>) {
  const params = await searchParams;
  const me = await getMe();
  const t = await getTranslations('dashboard');
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const isAdmin = me.role === 'admin';
  const requestedLeader = typeof params.leader === 'string' ? params.leader : undefined;
  const requestedRound = typeof params.round === 'string' ? params.round : undefined;
  const order = parseThesisOrder(params.order);
  const orderHref = (next: ThesisOrder) => {
    const query = new URLSearchParams();
    if (requestedLeader) query.set('leader', requestedLeader);
    if (requestedRound) query.set('round', requestedRound);
    if (next !== 'priority') query.set('order', next);
    const search = query.toString();
    return `/dashboard${search ? `?${search}` : ''}`;
  };

  const leaders = isAdmin
    ? await api<ListPeopleResponse>('/people', { query: { role: 'leader', active: true, pageSize: 200 } })
    : undefined;
  const ownResults = !isAdmin || leaders?.items.some((person) => person.id === me.person.id);
  const leaderId = isAdmin ? (requestedLeader ?? (ownResults ? me.person.id : undefined)) : me.person.id;

  const [result, focusResult] = leaderId
    ? await Promise.all([
        attempt(
          api<LeaderDashboard>(`/results/leaders/${encodeURIComponent(leaderId)}`, {
            query: { round: requestedRound },
          }),
        ),
        // Focus and commitments (issue 10): a failure here leaves the report itself standing.
        attempt(api<LeaderFocusList>(`/leaders/${encodeURIComponent(leaderId)}/focus`)),
      ])
    : [undefined, undefined];
  const dashboard = result?.ok ? result.data : undefined;
  const leaderName =
    dashboard?.leader.name ?? leaders?.items.find((person) => person.id === leaderId)?.name ?? me.person.name;
  const closedOn = dashboard
    ? format.dateTime(new Date(dashboard.round.closesAt), { dateStyle: 'long' })
    : '';

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <p className="eyebrow">
            {dashboard ? t('eyebrow', { round: dashboard.round.name }) : t('eyebrowEmpty')}
          </p>
          <h1>
            {!leaderId
              ? t('titleChoose')
              : leaderId === me.person.id
                ? t('titleOwn')
                : t('titleOther', { leader: leaderName })}
          </h1>
          {dashboard && (
            <>
              <p className={styles.reportMeta} data-report-meta="true">
                {t('meta', {
                  leader: dashboard.leader.name,
                  organisation: me.organisation.name,
                  round: dashboard.round.name,
                  date: closedOn,
                })}
              </p>
              <p className="lead">{t('lead', { k: dashboard.k })}</p>
            </>
          )}
        </div>
        <div className="page-header__actions no-print">
          {leaders && (
            <QuerySelect
              id="leader-picker"
              label={t('pickLeader')}
              param="leader"
              value={leaderId}
              placeholder={t('pickLeaderPlaceholder')}
              resetParams={['round']}
              options={leaders.items.map((person) => ({ value: person.id, label: person.name }))}
            />
          )}
          {dashboard && dashboard.rounds.length > 0 && (
            <QuerySelect
              id="round-picker"
              label={t('pickRound')}
              param="round"
              value={dashboard.round.id}
              options={[...dashboard.rounds].reverse().map((round) => ({
                value: round.id,
                label: `${round.name} · ${format.dateTime(new Date(round.closesAt), { dateStyle: 'medium' })}`,
              }))}
            />
          )}
          {dashboard && (
            <ReportActions
              printLabel={t('print')}
              pdfLabel={t('pdf')}
              pdfHint={t('pdfHint')}
              documentTitle={`Resonance – ${dashboard.leader.name} – ${dashboard.round.name}`}
            />
          )}
        </div>
      </header>

      {!leaderId && (
        <EmptyState icon="people" title={t('chooseLeader.title')}>
          {t('chooseLeader.body')}
        </EmptyState>
      )}
      {result && !result.ok && result.problem.status === 404 && (
        <EmptyState icon="chart" title={t('empty.title')}>
          {leaderId === me.person.id ? t('empty.bodyOwn') : t('empty.bodyOther', { leader: leaderName })}
        </EmptyState>
      )}
      {result && !result.ok && result.problem.status !== 404 && <ProblemNotice problem={result.problem} />}
      {dashboard && (
        <>
          <PrintMarginBoxes
            topLeft={`${dashboard.leader.name} · ${me.organisation.name}`}
            topRight={`${dashboard.round.name} · ${closedOn}`}
            bottomLeft={t('printFooter', { leader: dashboard.leader.name })}
            pageWord={t('page')}
          />
          <DashboardView dashboard={dashboard} locale={locale} order={order} orderHref={orderHref} />
          {focusResult?.ok && (
            <FocusSection
              dashboard={dashboard}
              focusList={focusResult.data}
              viewerIsLeader={leaderId === me.person.id}
              locale={locale}
            />
          )}
        </>
      )}
    </div>
  );
}
