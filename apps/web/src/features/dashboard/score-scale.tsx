import styles from './dashboard.module.css';

const WIDTH = 200;
const HEIGHT = 26;
const PAD = 6;
const x = (score: number) => PAD + ((score - 1) / 4) * (WIDTH - 2 * PAD);

/**
 * One thesis on the 1–5 scale: the others' score with its 95 % range, the organisation average as a
 * tick and the self-assessment as a diamond. Decorative: the same figures are written out beside it.
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
  return (
    <svg
      className={styles.scoreScale}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      <line className={styles.scaleAxis} x1={x(1)} x2={x(5)} y1={mid} y2={mid} />
      {[1, 2, 3, 4, 5].map((point) => (
        <line
          key={point}
          className={styles.scaleTick}
          x1={x(point)}
          x2={x(point)}
          y1={mid - 3}
          y2={mid + 3}
        />
      ))}
      {ci95 && (
        <rect
          className={styles.scaleRange}
          x={x(Math.max(1, ci95[0]))}
          width={Math.max(1, x(Math.min(5, ci95[1])) - x(Math.max(1, ci95[0])))}
          y={mid - 5}
          height={10}
          rx={3}
        />
      )}
      {org !== null && <line className={styles.scaleOrg} x1={x(org)} x2={x(org)} y1={2} y2={HEIGHT - 2} />}
      {self !== null && (
        <path className={styles.scaleSelf} d={`M ${x(self)} ${mid - 6} l 5 6 l -5 6 l -5 -6 z`} />
      )}
      <circle className={styles.scaleMean} cx={x(mean)} cy={mid} r={5} />
    </svg>
  );
}
