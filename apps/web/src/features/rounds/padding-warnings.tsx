import type { RoundPaddingWarning } from '@resonance/contracts';
import { type Locale, RATER_GROUP_LABELS, RECENT_JOINER_DAYS } from '@resonance/domain';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';

/**
 * Groups with people new to the org chart or the team (rule 11). Before opening it is a warning: an
 * admin can still check the org chart, and raters will be told. Afterwards it records what raters
 * were shown.
 */
export async function PaddingWarnings({
  warnings,
  started,
  locale,
}: {
  warnings: RoundPaddingWarning[];
  started: boolean;
  locale: Locale;
}) {
  const t = await getTranslations('rounds.padding');
  const auditLink = (chunks: ReactNode) => <Link href="/admin/audit">{chunks}</Link>;
  return (
    <section
      className={`callout ${started ? 'callout--info' : 'callout--warning'}`}
      aria-labelledby="round-padding"
      data-padding-warnings={warnings.length}
    >
      <div className="stack stack--sm">
        <h2 id="round-padding" className="callout__title">
          {started
            ? t('titleAfter', { count: warnings.length })
            : t('titleBefore', { count: warnings.length })}
        </h2>
        <p>
          {started
            ? t.rich('bodyAfter', { days: RECENT_JOINER_DAYS, link: auditLink })
            : t.rich('bodyBefore', { days: RECENT_JOINER_DAYS, link: auditLink })}
        </p>
        <ul>
          {warnings.map((warning) => (
            <li key={`${warning.leaderId}:${warning.raterGroup}`}>
              <strong>{warning.leaderName}</strong> · {RATER_GROUP_LABELS[warning.raterGroup][locale]}:{' '}
              {t('entry', { recent: warning.recentlyJoined, invited: warning.invited })}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
