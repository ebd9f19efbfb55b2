import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  RadialLinearScale,
  Tooltip,
} from 'chart.js';

Chart.register(
  RadialLinearScale,
  CategoryScale,
  LinearScale,
  PointElement,
  LineElement,
  Filler,
  Tooltip,
  Legend,
);

// Charts are drawn at once: no animation to wait for (reduced motion, printing, tests).
Chart.defaults.animation = false;
Chart.defaults.font.family =
  "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
Chart.defaults.font.size = 12;
Chart.defaults.color = '#505b6b';

/** Series colours (all at least 3:1 against white, distinguishable in greyscale by dash pattern too). */
export const SERIES_COLOURS = {
  current: '#3b4fc4',
  previous: '#7b8494',
  self: '#c2620a',
  org: '#1d7a46',
} as const;

/** One hue per thesis for the trend lines. */
export const THESIS_COLOURS = [
  '#3b4fc4',
  '#c2620a',
  '#1d7a46',
  '#b42318',
  '#7a3fb0',
  '#0e7490',
  '#8a6d0b',
  '#be185d',
  '#475569',
] as const;

export { Chart };
