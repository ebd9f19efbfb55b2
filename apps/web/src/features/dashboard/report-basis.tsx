import type { LeaderDashboard } from '@resonance/contracts';
import { type Locale, RATER_GROUP_LABELS, type RaterGroup } from '@resonance/domain';
import { getTranslations } from 'next-intl/server';
import styles from './dashboard.module.css';
import { InsufficientBadge } from './insufficient-badge';
import { reportBasis } from './report-model';
import { WithheldBadge } from './withheld-badge';

/**
 * One line on what the figures rest on and what is hidden; when the team itself is missing, a
 * warning that the whole report is the view of peers or the manager; when small-team mode combined
 * the groups, a note saying so and why.
 */
export async function ReportBasis({ dashboard, locale }: { dashboard: LeaderDashboard; locale: Locale }) {
  const t = await getTranslations('dashboard');
  const basis = reportBasis(dashboard);
  const name = (group: RaterGroup) => RATER_GROUP_LABELS[group][locale];
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  // Inside an English sentence the group names are common nouns ("rests on peers only").
  const inSentence = (text: string) => (locale === 'en' ? text.toLowerCase() : text);
  const shownNames = inSentence(list.format(basis.shown.map((group) => name(group.raterGroup))));
  const identifiable = new Set(
    dashboard.groups.filter((group) => group.identifiable).map((group) => group.raterGroup),
  );
  const hidden = [...basis.insufficient, ...basis.withheld];
  const combinedNames = inSentence(list.format(basis.combined.map(name)));

  if (basis.scope === 'combined') {
    return (
      <section className={styles.basis} aria-label={t('basis.restsOn')}>
        <p className={styles.basisLine} data-basis-combined="true">
          <strong>{t('basis.restsOn')}:</strong> {t('basis.combined', { groups: combinedNames })}
        </p>
        <div className="callout callout--info" data-combined-note="true">
          <div>
            <p className="callout__title">{t('basis.combinedTitle', { groups: combinedNames })}</p>
            <p>{t('basis.combinedBody', { k: dashboard.k })}</p>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section className={styles.basis} aria-label={t('basis.restsOn')}>
      <p className={styles.basisLine}>
        <strong>{t('basis.restsOn')}:</strong>{' '}
        {basis.shown.length === 0
          ? t('basis.nothing')
          : basis.shown.map((group, index) => (
              <span key={group.raterGroup} className={styles.basisGroup} data-group={group.raterGroup}>
                {name(group.raterGroup)}
                {group.identifiable && <span className="badge">{t('identifiable')}</span>}{' '}
                <span className="tabular">({t('groups.responses', { count: group.count })})</span>
                {index < basis.shown.length - 1 ? ', ' : ''}
              </span>
            ))}
        {hidden.length > 0 && (
          <>
            <span className={styles.basisSeparator} aria-hidden="true">
              {' '}
              ·{' '}
            </span>
            <strong>{t('basis.notIncluded')}:</strong>{' '}
            {hidden.map((group, index) => (
              <span
                key={group}
                className={styles.basisGroup}
                data-group={group}
                data-withheld={basis.withheld.includes(group) || undefined}
              >
                {name(group)}
                {identifiable.has(group) && <span className="badge">{t('identifiable')}</span>}{' '}
                {basis.withheld.includes(group) ? (
                  <WithheldBadge />
                ) : (
                  <InsufficientBadge k={dashboard.k} compact />
                )}
                {index < hidden.length - 1 ? ', ' : ''}
              </span>
            ))}
          </>
        )}
      </p>
      {basis.scope === 'partial' && <p className="small muted">{t('basis.partial')}</p>}
      {basis.scope === 'without_direct_reports' && (
        <div className="callout callout--warning" data-basis-warning="true">
          <div>
            <p className="callout__title">{t('basis.withoutTeamTitle', { groups: shownNames })}</p>
            <p>
              {basis.withheld.includes('direct_report')
                ? t('basis.withoutTeamWithheld', { groups: shownNames })
                : t('basis.withoutTeamInsufficient', { groups: shownNames, k: dashboard.k })}
            </p>
          </div>
        </div>
      )}
      {basis.scope === 'none' && basis.withheld.length === 0 && (
        <div className="callout callout--warning" data-basis-warning="true">
          <div>
            <p className="callout__title">{t('basis.noneTitle', { k: dashboard.k })}</p>
            <p>{t('basis.noneBody')}</p>
          </div>
        </div>
      )}
      {basis.withheld.length > 0 && (
        <div className="callout callout--info" data-withheld-note="true">
          <div>
            <p className="callout__title">
              {t('groups.withheldTitle', { groups: basis.withheld.map(name).join(', ') })}
            </p>
            <p>{t('groups.withheldBody', { k: dashboard.k })}</p>
          </div>
        </div>
      )}
    </section>
  );
}
