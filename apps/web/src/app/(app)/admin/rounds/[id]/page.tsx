import type { OrgSettings, RoundDetail } from '@resonance/contracts';
import { type Locale, RATER_GROUP_LABELS } from '@resonance/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { ProblemNotice } from '@/components/problem-notice';
import { TableRegion } from '@/components/table-region';
import { FollowThroughCard } from '@/features/focus/follow-through-card';
import { LiveRefresh } from '@/features/rounds/live-refresh';
import { PaddingWarnings } from '@/features/rounds/padding-warnings';
import { ParticipationFigure } from '@/features/rounds/participation-figure';
import { RoundStateBadge } from '@/features/rounds/round-state-badge';
import { RoundTransitionButtons } from '@/features/rounds/round-transition-buttons';
import { api, attempt } from '@/lib/api/server-api';
import { DATE_TIME, withZone } from '@/lib/date-time';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('rounds.detail');
  return { title: t('metaTitle') };
}

export default async function RoundDetailPage({ params }: PageProps<'/admin/rounds/[id]'>) {
  const { id } = await params;
  const t = await getTranslations('rounds');
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const result = await attempt(
    Promise.all([api<RoundDetail>(`/rounds/${encodeURIComponent(id)}`), api<OrgSettings>('/org/settings')]),
  );
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const [round, settings] = result.data;
  // The round's figures use the larger of the k it promised at opening and the organisation's current k.
  const k = round.k;
  const orgK = settings.anonymityThreshold;
  const promisedK = round.anonymityThreshold;
  const kNote =
    promisedK === null
      ? t('detail.kBeforeOpening')
      : promisedK < k
        ? t('detail.kRaised', { promised: promisedK })
        : orgK === promisedK
          ? t('detail.kPromised')
          : t('detail.kPromisedOrgNow', { org: orgK });
  const timeZone = await getTimeZone();
  const date = (value: string | null) =>
    value ? withZone(format.dateTime(new Date(value), DATE_TIME), timeZone) : '–';
  const moment = (value: string) => format.dateTime(new Date(value), DATE_TIME);
  const started = round.state === 'open' || round.state === 'closed' || round.state === 'archived';

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <p className="eyebrow">
            <Link href="/admin/rounds">{t('detail.back')}</Link>
          </p>
          <div className="cluster">
            <h1>{round.name}</h1>
            <RoundStateBadge state={round.state} />
            {round.state === 'open' && <LiveRefresh />}
          </div>
          <p className="lead">
            {withZone(
              t('detail.window', {
                // Opened or closed by hand: the actual moment, not the planned one.
                opens: moment(round.openedAt ?? round.opensAt),
                closes: moment(round.closedAt ?? round.closesAt),
              }),
              timeZone,
            )}
          </p>
        </div>
        <div className="page-header__actions">
          <RoundTransitionButtons roundId={round.id} roundName={round.name} allowed={round.allowedActions}>
            {round.allowedActions.includes('edit') && (
              <Link className="button" href={`/admin/rounds/${round.id}/edit`}>
                {t('detail.edit')}
              </Link>
            )}
          </RoundTransitionButtons>
        </div>
      </header>

      <section className="card" aria-labelledby="round-facts">
        <h2 id="round-facts" className="visually-hidden">
          {t('detail.facts')}
        </h2>
        <div className="stat-row">
          <div className="stat">
            <span className="stat__label">{t('detail.leaders')}</span>
            <span className="stat__value">{round.leaderCount}</span>
          </div>
          <div className="stat" data-invitations={round.invitationCount}>
            <span className="stat__label">{t('detail.invitations')}</span>
            <span className="stat__value">{round.invitationCount}</span>
            {started && (
              <span className="small muted">
                {round.participation.status === 'shown'
                  ? t('detail.invitationsSplit', {
                      counted: round.participation.invited,
                      below: round.invitationCount - round.participation.invited,
                      k,
                    })
                  : t('detail.invitationsAllBelow', { k })}
              </span>
            )}
          </div>
          <div className="stat" data-participation>
            <span className="stat__label">{t('detail.participation')}</span>
            <span className="stat__value" style={{ fontSize: 'var(--text-md)', paddingTop: 6 }}>
              {started ? <ParticipationFigure participation={round.participation} k={k} /> : t('notStarted')}
            </span>
            {started && round.participation.status === 'shown' && (
              <span className="small muted">{t('detail.participationCounted', { k })}</span>
            )}
          </div>
          <div className="stat" data-k={k}>
            <span className="stat__label">{t('detail.threshold')}</span>
            <span className="stat__value">k = {k}</span>
            <span className="small muted">{kNote}</span>
          </div>
          <div className="stat">
            <span className="stat__label">{t('detail.groups')}</span>
            <span style={{ paddingTop: 6 }}>
              {round.raterGroups.map((group) => RATER_GROUP_LABELS[group][locale]).join(', ')}
            </span>
          </div>
          <div className="stat" data-small-team-mode={String(round.smallTeamMode)}>
            <span className="stat__label">{t('detail.smallTeams')}</span>
            <span className="small" style={{ paddingTop: 6 }}>
              {round.smallTeamMode === null
                ? settings.smallTeamMode
                  ? t('detail.smallTeamsBeforeOpeningOn')
                  : t('detail.smallTeamsBeforeOpeningOff')
                : round.smallTeamMode
                  ? t('detail.smallTeamsCombined')
                  : t('detail.smallTeamsSeparate')}
            </span>
          </div>
          <div className="stat">
            <span className="stat__label">{t('detail.recurrence')}</span>
            <span style={{ paddingTop: 6 }}>{t(`form.recurrences.${round.recurrence}`)}</span>
          </div>
          <div className="stat" data-testid="raw-answers">
            <span className="stat__label">{t('detail.rawAnswers')}</span>
            <span style={{ paddingTop: 6 }}>
              {round.rawAnswers.deletedAt
                ? t('detail.rawAnswersDeleted', { at: date(round.rawAnswers.deletedAt) })
                : round.rawAnswers.dueAt
                  ? // Past due: the hourly retention job has not reached it yet (or the API was down).
                    Date.parse(round.rawAnswers.dueAt) <= Date.now()
                    ? t('detail.rawAnswersOverdue', { at: date(round.rawAnswers.dueAt) })
                    : t('detail.rawAnswersDue', { at: date(round.rawAnswers.dueAt) })
                  : t('detail.rawAnswersAfterClose', { days: round.rawAnswers.retentionDays })}
            </span>
            <span className="small muted">{t('detail.rawAnswersResultsStay')}</span>
          </div>
        </div>
        {(round.state === 'closed' || round.state === 'archived') && (
          <div className="cluster" style={{ marginTop: 'var(--space-4)' }}>
            <Link className="button" href={`/admin/results?round=${round.id}`}>
              {t('detail.viewHeatmap')}
            </Link>
            <a className="button" href={`/export/rounds/${round.id}`} download>
              {t('detail.export')}
            </a>
          </div>
        )}
      </section>

      {(round.state === 'closed' || round.state === 'archived') && <FollowThroughCard roundId={round.id} />}

      {round.paddingWarnings.length > 0 && (
        <PaddingWarnings warnings={round.paddingWarnings} started={started} locale={locale} />
      )}

      <section className="card card--flush" aria-labelledby="round-participation">
        <div className="card__header" style={{ padding: 'var(--space-5) var(--space-5) 0' }}>
          <div className="stack stack--sm">
            <h2 id="round-participation" className="card__title">
              {t('detail.participationTitle')}
            </h2>
            <p className="small muted">{t('detail.participationLead', { k })}</p>
            {round.participationAsOf ? (
              <p className="small muted">
                {t('detail.participationAsOf', {
                  time: date(round.participationAsOf),
                })}
              </p>
            ) : null}
          </div>
        </div>
        <TableRegion label={t('detail.participationTitle')}>
          <table className="table">
            <caption className="visually-hidden">{t('detail.participationTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.leader')}</th>
                <th scope="col">{t('detail.total')}</th>
                {round.raterGroups.map((group) => (
                  <th scope="col" key={group}>
                    {RATER_GROUP_LABELS[group][locale]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {round.leaders.map((leader) => (
                <tr key={leader.id}>
                  <th scope="row">{leader.name}</th>
                  <td>
                    {started ? <ParticipationFigure participation={leader.participation} k={k} /> : '–'}
                  </td>
                  {round.raterGroups.map((group) => {
                    const entry = leader.groups.find((candidate) => candidate.raterGroup === group);
                    return (
                      <td key={group}>
                        {started && entry ? (
                          <ParticipationFigure participation={entry.participation} k={k} />
                        ) : (
                          '–'
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      {round.reminders.length > 0 && (
        <section className="card" aria-labelledby="round-reminders">
          <h2 id="round-reminders" className="card__title">
            {t('detail.reminders')}
          </h2>
          <p className="small muted">{t('detail.timesIn', { timeZone: timeZone.replaceAll('_', ' ') })}</p>
          <ul
            className="stack stack--sm"
            style={{ margin: 'var(--space-3) 0 0', paddingLeft: 'var(--space-5)' }}
          >
            {round.reminders.map((reminder) => (
              <li key={reminder.offsetHours} className="small">
                {/* A reminder sent by hand takes the slot of its hour, which is not one of the planned offsets. */}
                {round.reminderOffsetsHours.includes(reminder.offsetHours)
                  ? t('detail.reminder', {
                      days: reminder.offsetHours / 24,
                      due: reminder.dueAt ? moment(reminder.dueAt) : '–',
                    })
                  : t('detail.reminderManual')}{' '}
                {reminder.sentAt ? (
                  <span className="badge badge--positive">
                    {t('detail.sent', { at: moment(reminder.sentAt) })}
                  </span>
                ) : round.state === 'open' || round.state === 'scheduled' ? (
                  <span className="badge">{t('detail.pending')}</span>
                ) : (
                  // The round closed before it was due (closed early, or opened late).
                  <span className="badge">{t('detail.notSent')}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
