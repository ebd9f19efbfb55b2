'use client';

import type { Chart as ChartInstance } from 'chart.js';
import { useLocale } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Radar } from 'react-chartjs-2';
import { SERIES_COLOURS } from './chart-setup';
import { usePrintResize } from './use-print-resize';

export interface RadarSeries {
  kind: 'current' | 'previous' | 'self';
  label: string;
  /** One value per axis; null where nothing may be shown. */
  values: (number | null)[];
}

const STYLE = {
  current: { borderDash: [], fill: true, pointStyle: 'circle' },
  previous: { borderDash: [6, 4], fill: false, pointStyle: 'triangle' },
  self: { borderDash: [2, 3], fill: false, pointStyle: 'rectRot' },
} as const;

/** The nine theses of this round against the previous round and the leader's own view. */
export function RadarChart({
  labels,
  series,
  description,
}: {
  labels: string[];
  series: RadarSeries[];
  /** What a screen reader hears instead of the picture; the data table follows the chart. */
  description: string;
}) {
  const locale = useLocale();
  const chart = useRef<ChartInstance<'radar'> | null>(null);
  usePrintResize(chart);
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // Long thesis names would squeeze the web; break them over lines of about 16 characters. On a
  // phone even that leaves no room, so the axes are numbered and the names listed below.
  const compact = useNarrowScreen();
  const axisLabels = compact
    ? labels.map((_, index) => String(index + 1))
    : labels.map((label) => wrapLabel(label, 16));

  return (
    <>
      <div className="chart chart--radar">
        <Radar
          ref={chart}
          role="img"
          aria-label={description}
          data={{
            labels: axisLabels,
            datasets: series.map((entry) => ({
              label: entry.label,
              data: entry.values,
              borderColor: SERIES_COLOURS[entry.kind],
              backgroundColor:
                entry.kind === 'current' ? 'rgba(59, 79, 196, 0.14)' : SERIES_COLOURS[entry.kind],
              pointBackgroundColor: SERIES_COLOURS[entry.kind],
              pointBorderColor: '#ffffff',
              pointRadius: 4,
              pointHoverRadius: 6,
              borderWidth: entry.kind === 'current' ? 2.5 : 2,
              borderDash: [...STYLE[entry.kind].borderDash],
              fill: STYLE[entry.kind].fill,
              pointStyle: STYLE[entry.kind].pointStyle,
              spanGaps: false,
            })),
          }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            scales: {
              r: {
                min: 1,
                max: 5,
                ticks: { stepSize: 1, backdropColor: 'transparent', color: '#687384', font: { size: 11 } },
                grid: { color: '#e1e5eb' },
                angleLines: { color: '#e1e5eb' },
                pointLabels: { color: '#1b2330', font: { size: 12, weight: 600 }, padding: 6 },
              },
            },
            plugins: {
              legend: {
                position: 'bottom',
                labels: { usePointStyle: true, boxWidth: 10, padding: 16, color: '#1b2330' },
              },
              tooltip: {
                callbacks: {
                  title: (items) => labels[items[0]?.dataIndex ?? 0] ?? '',
                  label: (context) =>
                    context.raw === null || context.raw === undefined
                      ? `${context.dataset.label}: –`
                      : `${context.dataset.label}: ${number.format(context.raw as number)}`,
                },
              },
            },
          }}
        />
      </div>
      {compact && (
        <ol className="chart-key" aria-hidden="true">
          {labels.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ol>
      )}
    </>
  );
}

function useNarrowScreen(): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const query = window.matchMedia('(max-width: 560px)');
    const update = () => setNarrow(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return narrow;
}

function wrapLabel(label: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
