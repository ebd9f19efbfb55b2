'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A wide table that may scroll sideways on small screens. The scrolling box is focusable and
 * named, so keyboard users can scroll it too. When it overflows, a shadow on the side with more
 * columns and a hint below say so; the first column (the row's name) stays in place.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  const t = useTranslations('common');
  const box = useRef<HTMLElement>(null);
  const [more, setMore] = useState<{ left: boolean; right: boolean }>({ left: false, right: false });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const left = element.scrollLeft > 1;
      const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setMore((previous) =>
        previous.left === left && previous.right === right ? previous : { left, right },
      );
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => {
      element.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, []);

  const overflowing = more.left || more.right;
  return (
    <div
      className="table-scroll"
      data-more-left={more.left || undefined}
      data-more-right={more.right || undefined}
    >
      <div className="table-scroll__frame">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
        <section ref={box} className="table-wrap" aria-label={label} tabIndex={0}>
          {children}
        </section>
      </div>
      {overflowing && (
        <p className="table-scroll__hint" aria-hidden="true">
          {t('scrollHint')}
        </p>
      )}
    </div>
  );
}
