import type { GatedFollowUp, LeaderDashboard, LeaderFocus, LeaderFocusList } from '@resonance/contracts';
import type { Locale, ThesisKey } from '@resonance/domain';
import { getFormatter, getTranslations } from 'next-intl/server';
import { suggestionFor, thesisTexts, thesisTitle } from '../dashboard/dashboard-model';
import { reportFormats } from '../dashboard/report-format';
import styles from './focus.module.css';
import { FocusEditor } from './focus-editor';

/**
 * Closing the loop on the leader's report: what came of the focus set after the previous round
 * (each commitment with its progress, what the raters of this round said in the follow-up, gated,
 * and the thesis trend since the focus was set), then the focus after this round — the leader
 * edits it, an admin reads it.
 */
export async function FocusSection({
  dashboard,
  focusList,
  viewerIsLeader,
  locale,
}: {
  dashboard: LeaderDashboard;
  focusList: LeaderFocusList;
  viewerIsLeader: boolean;
  locale: Locale;
}) {
  const t = await getTranslations('focus');
  const { score, signed } = reportFormats(await getFormatter());
  const texts = thesisTexts(dashboard.round.questionnaireVersion);
  const title = (key: ThesisKey) => thesisTitle(texts, key, locale);
  const followedUp = focusList.focuses.find((focus) => focus.followUp?.round.id === dashboard.round.id);
  const current = focusList.focuses.find((focus) => focus.round.id === dashboard.round.id) ?? null;

  /** The "others" mean per round from the round the focus was set in up to this one. */
  const trendSince = (focus: LeaderFocus, thesis: ThesisKey) => {
    const from = dashboard.rounds.findIndex((round) => round.id === focus.round.id);
    const to = dashboard.rounds.findIndex((round) => round.id === dashboard.round.id);
    const trend = dashboard.theses.find((entry) => entry.thesis === thesis)?.trend ?? [];
    if (from < 0 || to < from) return [];
    return dashboard.rounds.slice(from, to + 1).map((round) => ({
      round: round.name,
      mean: trend.find((point) => point.roundId === round.id)?.mean ?? null,
    }));
  };

  const followUpText = (result: GatedFollowUp) =>
    result.status === 'shown'
      ? t('followUp.shown', { noticed: result.noticed, n: result.n })
      : t('followUp.insufficient', { k: dashboard.k });

  return (
    <section className={`section ${styles.section}`} aria-labelledby="focus-title" data-focus-section>
      <div className="section__header">
        <h2 id="focus-title">{t('title')}</h2>
        <p className="muted small">{t('lead')}</p>
      </div>

      {followedUp && (
        <div className="stack" data-focus-progress>
          <h3>{t('since.title', { round: followedUp.round.name })}</h3>
          <p className="muted small">{followedUp.shared ? t('since.shared') : t('since.notShared')}</p>
          <ul className={styles.progressGrid}>
            {followedUp.theses.map((entry) => {
              const result = followedUp.followUp?.results?.find((item) => item.thesis === entry.thesis);
              const trend = trendSince(followedUp, entry.thesis);
              const first = trend[0]?.mean;
              const last = trend.at(-1)?.mean;
              return (
                <li key={entry.thesis} className="card stack stack--sm" data-focus-thesis={entry.thesis}>
                  <h4 className="card__title">{title(entry.thesis)}</h4>
                  <blockquote className={styles.commitment}>‘{entry.commitment}’</blockquote>
                  <p className="small">
                    <span className="badge" data-progress={entry.progress}>
                      {t(`progress.${entry.progress}`)}
                    </span>
                    {entry.dueDate && <> {t('dueOn', { date: entry.dueDate })}</>}
                    {entry.progressNote && <> · {entry.progressNote}</>}
                  </p>
                  <div data-follow-up-result={result?.others.status ?? 'none'}>
                    <p className={styles.followUpHeadline}>
                      {result ? followUpText(result.others) : t('followUp.pending')}
                    </p>
                    {result?.others.status === 'shown' && (
                      <p className="muted small">
                        {t('followUp.breakdown', {
                          clearly: result.others.counts.clearly_better,
                          somewhat: result.others.counts.somewhat_better,
                          none: result.others.counts.no_change,
                          worse: result.others.counts.worse,
                          cantJudge: result.others.cantJudge,
                        })}
                      </p>
                    )}
                    {result && followedUp.followUp?.combinedGroups && (
                      <p className="muted small" data-follow-up-combined>
                        {t('followUp.combined')}
                      </p>
                    )}
                    {result && !followedUp.followUp?.combinedGroups && result.groups.length > 1 && (
                      <ul className={`muted small ${styles.groupList}`}>
                        {result.groups.map((group) => (
                          <li key={group.raterGroup}>
                            {t(`groups.${group.raterGroup}`)}
                            {group.identifiable && ` (${t('identifiable')})`}: {followUpText(group.result)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                  <p className="small" data-trend-since>
                    {trend.length < 2
                      ? t('trendSince.none')
                      : t('trendSince.values', {
                          values: trend
                            .map(
                              (point) => `${point.round}: ${point.mean === null ? '–' : score(point.mean)}`,
                            )
                            .join(' → '),
                        })}
                    {first != null && last != null && trend.length >= 2 && (
                      <> ({t('trendSince.change', { change: signed(last - first) })})</>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <div className="stack" data-focus-next>
        <h3>{t('next.title', { round: dashboard.round.name })}</h3>
        {current?.followUp && (
          <p className="callout callout--info">
            {current.followUp.results === null
              ? t('next.asked', { round: current.followUp.round.name })
              : t('next.answered', { round: current.followUp.round.name })}
          </p>
        )}
        {viewerIsLeader ? (
          <FocusEditor
            leaderId={dashboard.leader.id}
            roundId={dashboard.round.id}
            focus={current}
            theses={[...texts.values()].map((thesis) => ({
              key: thesis.key,
              title: thesis.title[locale],
              suggestion: suggestionFor(texts, thesis.key, dashboard.round.id, locale),
            }))}
          />
        ) : current ? (
          <ul className={styles.progressGrid}>
            {current.theses.map((entry) => (
              <li key={entry.thesis} className="card stack stack--sm">
                <h4 className="card__title">{title(entry.thesis)}</h4>
                <blockquote className={styles.commitment}>‘{entry.commitment}’</blockquote>
                <p className="small">{t(`progress.${entry.progress}`)}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('next.noneOther', { leader: dashboard.leader.name })}</p>
        )}
      </div>
    </section>
  );
}
