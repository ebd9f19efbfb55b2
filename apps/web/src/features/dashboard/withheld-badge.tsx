import { getTranslations } from 'next-intl/server';

/**
 * A group hidden this round although it may have enough responses: its membership changed by only a
 * few people since an earlier round, so comparing the two would single them out. Worded apart from
 * "not enough responses", because the reason is a different one.
 */
export async function WithheldBadge({
  short = false,
}: {
  /** For dense lists: one word, the reason stays in the tooltip and the note above the report. */
  short?: boolean;
}) {
  const t = await getTranslations('common');
  return (
    <span className="badge badge--withheld" data-withheld="true" title={t('withheldHint')}>
      <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M12 3 4 6v6c0 4.5 3.4 8.2 8 9 4.6-.8 8-4.5 8-9V6l-8-3Zm-3 9h6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeLinejoin="round"
        />
      </svg>
      {short ? t('withheldShort') : t('withheld')}
      {!short && <span className="visually-hidden"> — {t('withheldHint')}</span>}
    </span>
  );
}
