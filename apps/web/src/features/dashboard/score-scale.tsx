import styles from './dashboard.module.css';
import { MARK, svgDataUri } from './trend-multiples';

const WIDTH = 200;
const HEIGHT = 26;
const PAD = 6;
const x = (score: number) => Math.round((PAD + ((score - 1) / 4) * (WIDTH - 2 * PAD)) * 10) / 10;

/**
 * One thesis on the 1–5 scale: the others' score with its 95 % range, the organisation average as a
 * tick and the self-assessment as a diamond. Decorative (empty alt): the figures are written beside it.
 */
export function ScoreScale({
  mean,
  ci95,
  org,
  self,
}: {
  mean: number;
  ci95: [number, number] | null;
  org: number | null;
  self: number | null;
}) {
  const mid = HEIGHT / 2;
  const parts = [
    `<line x1="${x(1)}" x2="${x(5)}" y1="${mid}" y2="${mid}" stroke="#c5ccd6" stroke-width="1.5"/>`,
    ...[1, 2, 3, 4, 5].map(
      (point) =>
        `<line x1="${x(point)}" x2="${x(point)}" y1="${mid - 3}" y2="${mid + 3}" stroke="#c5ccd6" stroke-width="1.5"/>`,
    ),
  ];
  if (ci95) {
    const low = x(Math.max(1, ci95[0]));
    const width = Math.max(1, x(Math.min(5, ci95[1])) - low);
    parts.push(
      `<rect x="${low}" width="${width}" y="${mid - 5}" height="10" rx="3" fill="rgba(59,79,196,0.18)"/>`,
    );
  }
  if (org !== null)
    parts.push(
      `<line x1="${x(org)}" x2="${x(org)}" y1="2" y2="${HEIGHT - 2}" stroke="${MARK.org}" stroke-width="2.5"/>`,
    );
  if (self !== null) parts.push(`<path d="M${x(self)} ${mid - 6}l5 6l-5 6l-5-6z" fill="${MARK.self}"/>`);
  parts.push(
    `<circle cx="${x(mean)}" cy="${mid}" r="5" fill="${MARK.mean}" stroke="#fff" stroke-width="1.5"/>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">${parts.join('')}</svg>`;
  return <img className={styles.scoreScale} src={svgDataUri(svg)} alt="" width={WIDTH} height={HEIGHT} />;
}
