'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';

/** While a round is open, participation is re-read every few seconds; counts only, never names. */
export function LiveRefresh({ intervalMs = 15_000 }: { intervalMs?: number }) {
  const router = useRouter();
  const t = useTranslations('rounds.detail');
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [router, intervalMs]);
  return (
    <span className="badge badge--positive">
      <span className="live-dot" aria-hidden="true" />
      {t('live')}
    </span>
  );
}
