'use client';

import type { Chart as ChartInstance } from 'chart.js';
import { useLocale } from 'next-intl';
import { useRef } from 'react';
import { Line } from 'react-chartjs-2';
import { THESIS_COLOURS } from './chart-setup';
import { usePrintResize } from './use-print-resize';

export interface TrendSeries {
  label: string;
  /** One value per round; null where the round did not reach k. */
  values: (number | null)[];
}

const DASHES = [[], [6, 3], [2, 3], [10, 4, 2, 4]] as const;

/** Each thesis's score over every closed round, oldest first. */
export function TrendChart({
  rounds,
  series,
  description,
}: {
  rounds: string[];
  series: TrendSeries[];
  description: string;
}) {
  const locale = useLocale();
  const chart = useRef<ChartInstance<'line'> | null>(null);
  usePrintResize(chart);
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  return (
    <div className="chart chart--trend">
      <Line
        ref={chart}
        role="img"
        aria-label={description}
        data={{
          labels: rounds,
          datasets: series.map((entry, index) => {
            const colour = THESIS_COLOURS[index % THESIS_COLOURS.length]!;
            return {
              label: entry.label,
              data: entry.values,
              borderColor: colour,
              backgroundColor: colour,
              borderWidth: 2,
              borderDash: [...DASHES[index % DASHES.length]!],
              pointRadius: 4,
              pointHoverRadius: 6,
              tension: 0.25,
              spanGaps: false,
            };
          }),
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            y: {
              min: 1,
              max: 5,
              ticks: { stepSize: 1 },
              grid: { color: '#eef0f3' },
            },
            x: { grid: { display: false } },
          },
          plugins: {
            legend: {
              position: 'bottom',
              labels: { usePointStyle: true, boxWidth: 8, padding: 14, color: '#1b2330' },
            },
            tooltip: {
              callbacks: {
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
  );
}
