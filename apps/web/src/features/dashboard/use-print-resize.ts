'use client';

import type { Chart } from 'chart.js';
import { type RefObject, useEffect } from 'react';

/** Canvas charts keep their screen size unless told otherwise; redraw them for the printed page. */
export function usePrintResize(chart: RefObject<Chart | null | undefined>) {
  useEffect(() => {
    const resize = () => chart.current?.resize();
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
    };
  }, [chart]);
}
