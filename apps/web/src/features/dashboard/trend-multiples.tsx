import styles from './dashboard.module.css';

export interface TrendPoint {
  /** Short axis label, e.g. "Sep 26". */
  label: string;
  mean: number | null;
  ci95: [number, number] | null;
  self: number | null;
  org: number | null;
  selected: boolean;
}

const WIDTH = 300;
const HEIGHT = 132;
const LEFT = 40;
const RIGHT = 30;
const TOP = 8;
const BOTTOM = 22;

/** Runs of consecutive indexes where `present` holds: lines and bands break where a round is missing. */
function runs<T>(points: T[], present: (point: T) => boolean): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  points.forEach((point, index) => {
    if (present(point)) current.push(index);
    else if (current.length > 0) {
      result.push(current);
      current = [];
    }
  });
  if (current.length > 0) result.push(current);
  return result;
}

/** The marks' colours; the legend and the score scale use the same ones (tokens.css --chart-*). */
export const MARK = {
  mean: '#3b4fc4',
  band: 'rgba(59,79,196,0.16)',
  org: '#1d7a46',
  self: '#c2620a',
  rule: '#e6e9ee',
  axis: '#505b6b',
  text: '#1b2330',
  selected: '#f1f3f9',
} as const;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An SVG drawing as an image source: one element for the browser to hydrate instead of dozens. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * One thesis over the closed rounds as SVG markup, drawn on the server: no chart library to
 * download, the same vector drawing on screen and paper. Shared 1–5 scale, so the small multiples
 * compare at a glance.
 */
export function trendSvg(points: TrendPoint[]): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (index: number) =>
    points.length === 1 ? LEFT + plotWidth / 2 : LEFT + (index / (points.length - 1)) * plotWidth;
  const y = (score: number) => TOP + ((5 - score) / 4) * (HEIGHT - TOP - BOTTOM);
  const n = (value: number) => Math.round(value * 10) / 10;
  const path = (indexes: number[], value: (point: TrendPoint) => number) =>
    indexes
      .map((index, order) => `${order === 0 ? 'M' : 'L'}${n(x(index))} ${n(y(value(points[index]!)))}`)
      .join(' ');
  const diamond = (cx: number, cy: number) => `M${n(cx)} ${n(cy - 4.5)}l4.5 4.5l-4.5 4.5l-4.5-4.5z`;
  // Label every round while they fit; beyond six, every other one (always the selected and the last).
  const step = points.length > 6 ? 2 : 1;
  const parts: string[] = [];

  for (const score of [1, 2, 3, 4, 5]) {
    parts.push(
      `<line x1="${LEFT - 8}" x2="${WIDTH - 8}" y1="${y(score)}" y2="${y(score)}" stroke="${MARK.rule}"/>`,
    );
    parts.push(
      `<text x="${LEFT - 14}" y="${y(score) + 4}" text-anchor="end" fill="${MARK.axis}">${score}</text>`,
    );
  }
  points.forEach((point, index) => {
    if (point.selected)
      parts.push(
        `<rect x="${n(x(index) - 9)}" width="18" y="${TOP - 4}" height="${HEIGHT - TOP - BOTTOM + 8}" rx="4" fill="${MARK.selected}"/>`,
      );
  });
  for (const indexes of runs(points, (point) => point.ci95 !== null)) {
    const first = points[indexes[0]!]!;
    parts.push(
      indexes.length === 1
        ? `<rect x="${n(x(indexes[0]!) - 4)}" width="8" y="${n(y(first.ci95![1]))}" height="${n(y(first.ci95![0]) - y(first.ci95![1]))}" fill="${MARK.band}"/>`
        : `<path d="${path(indexes, (point) => Math.min(5, point.ci95![1]))} ${[...indexes]
            .reverse()
            .map((index) => `L${n(x(index))} ${n(y(Math.max(1, points[index]!.ci95![0])))}`)
            .join(' ')}Z" fill="${MARK.band}"/>`,
    );
  }
  for (const indexes of runs(points, (point) => point.org !== null)) {
    const org = `fill="none" stroke-width="2" stroke-dasharray="5 3" stroke="${MARK.org}"`;
    const only = points[indexes[0]!]!;
    parts.push(
      indexes.length > 1
        ? `<path d="${path(indexes, (point) => point.org!)}" ${org}/>`
        : `<line x1="${n(x(indexes[0]!) - 8)}" x2="${n(x(indexes[0]!) + 8)}" y1="${n(y(only.org!))}" y2="${n(y(only.org!))}" ${org}/>`,
    );
  }
  for (const indexes of runs(points, (point) => point.self !== null)) {
    if (indexes.length > 1)
      parts.push(
        `<path d="${path(indexes, (point) => point.self!)}" fill="none" stroke="${MARK.self}" stroke-width="1.5" stroke-dasharray="2 3"/>`,
      );
    for (const index of indexes)
      parts.push(`<path d="${diamond(x(index), y(points[index]!.self!))}" fill="${MARK.self}"/>`);
  }
  for (const indexes of runs(points, (point) => point.mean !== null)) {
    if (indexes.length > 1)
      parts.push(
        `<path d="${path(indexes, (point) => point.mean!)}" fill="none" stroke="${MARK.mean}" stroke-width="2.5" stroke-linejoin="round"/>`,
      );
    for (const index of indexes)
      parts.push(
        `<circle cx="${n(x(index))}" cy="${n(y(points[index]!.mean!))}" r="${points[index]!.selected ? 4.5 : 3.5}" fill="${MARK.mean}" stroke="#fff" stroke-width="1.5"/>`,
      );
  }
  points.forEach((point, index) => {
    if (index % step === 0 || point.selected || index === points.length - 1)
      parts.push(
        `<text x="${n(x(index))}" y="${HEIGHT - 6}" text-anchor="middle" fill="${point.selected ? MARK.text : MARK.axis}"${point.selected ? ' font-weight="700"' : ''}>${escapeXml(point.label)}</text>`,
      );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="system-ui, 'Liberation Sans', Arial, sans-serif" font-size="11">${parts.join('')}</svg>`;
}

/** The chart as one image; its words are in `label`, its numbers in the table after the charts. */
export function TrendMultiple({ points, label }: { points: TrendPoint[]; label: string }) {
  return (
    <img
      className={styles.trendSvg}
      src={svgDataUri(trendSvg(points))}
      alt={label}
      width={WIDTH}
      height={HEIGHT}
    />
  );
}

/** The legend once for all small multiples, drawn with the same marks. */
export function TrendLegend({
  labels,
}: {
  labels: { mean: string; band: string; org: string; self: string | null };
}) {
  return (
    <ul className={styles.trendLegend}>
      <li>
        <svg width="22" height="12" aria-hidden="true" focusable="false">
          <line className={styles.trendMean} x1="1" x2="21" y1="6" y2="6" />
          <circle className={styles.trendPoint} cx="11" cy="6" r="3.5" />
        </svg>
        {labels.mean}
      </li>
      <li>
        <svg width="22" height="12" aria-hidden="true" focusable="false">
          <rect className={styles.trendBand} x="1" y="1" width="20" height="10" />
        </svg>
        {labels.band}
      </li>
      <li>
        <svg width="22" height="12" aria-hidden="true" focusable="false">
          <line className={styles.trendOrg} x1="1" x2="21" y1="6" y2="6" />
        </svg>
        {labels.org}
      </li>
      {labels.self && (
        <li>
          <svg width="22" height="12" aria-hidden="true" focusable="false">
            <path className={styles.trendSelf} d="M 11 1.5 l 4.5 4.5 l -4.5 4.5 l -4.5 -4.5 z" />
          </svg>
          {labels.self}
        </li>
      )}
    </ul>
  );
}
