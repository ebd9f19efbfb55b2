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
const RIGHT = 24;
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

/**
 * One thesis over the closed rounds, drawn on the server as SVG: no chart library to download, the
 * same drawing on screen and paper. Shared 1–5 scale, so the small multiples compare at a glance.
 */
export function TrendMultiple({ points, label }: { points: TrendPoint[]; label: string }) {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (index: number) =>
    points.length === 1 ? LEFT + plotWidth / 2 : LEFT + (index / (points.length - 1)) * plotWidth;
  const y = (score: number) => TOP + ((5 - score) / 4) * (HEIGHT - TOP - BOTTOM);
  const path = (indexes: number[], value: (point: TrendPoint) => number) =>
    indexes
      .map((index, order) => `${order === 0 ? 'M' : 'L'} ${x(index)} ${y(value(points[index]!))}`)
      .join(' ');
  // Label every round while they fit; beyond six, every other one (always the selected one).
  const step = points.length > 6 ? 2 : 1;

  return (
    <svg className={styles.trendSvg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {[1, 2, 3, 4, 5].map((score) => (
        <g key={score}>
          <line className={styles.trendRule} x1={LEFT - 8} x2={WIDTH - 8} y1={y(score)} y2={y(score)} />
          <text className={styles.trendAxis} x={LEFT - 14} y={y(score) + 4} textAnchor="end">
            {score}
          </text>
        </g>
      ))}
      {points.map((point, index) =>
        point.selected ? (
          <rect
            key="selected"
            className={styles.trendSelected}
            x={x(index) - 9}
            width={18}
            y={TOP - 4}
            height={HEIGHT - TOP - BOTTOM + 8}
            rx={4}
          />
        ) : null,
      )}
      {runs(points, (point) => point.ci95 !== null).map((indexes) =>
        indexes.length === 1 ? (
          <rect
            key={`band-${indexes[0]}`}
            className={styles.trendBand}
            x={x(indexes[0]!) - 4}
            width={8}
            y={y(points[indexes[0]!]!.ci95![1])}
            height={y(points[indexes[0]!]!.ci95![0]) - y(points[indexes[0]!]!.ci95![1])}
          />
        ) : (
          <path
            key={`band-${indexes[0]}`}
            className={styles.trendBand}
            d={`${path(indexes, (point) => Math.min(5, point.ci95![1]))} ${[...indexes]
              .reverse()
              .map((index) => `L ${x(index)} ${y(Math.max(1, points[index]!.ci95![0]))}`)
              .join(' ')} Z`}
          />
        ),
      )}
      {runs(points, (point) => point.org !== null).map((indexes) =>
        indexes.length > 1 ? (
          <path
            key={`org-${indexes[0]}`}
            className={styles.trendOrg}
            d={path(indexes, (point) => point.org!)}
          />
        ) : (
          <line
            key={`org-${indexes[0]}`}
            className={styles.trendOrg}
            x1={x(indexes[0]!) - 8}
            x2={x(indexes[0]!) + 8}
            y1={y(points[indexes[0]!]!.org!)}
            y2={y(points[indexes[0]!]!.org!)}
          />
        ),
      )}
      {runs(points, (point) => point.self !== null).map((indexes) => (
        <g key={`self-${indexes[0]}`}>
          {indexes.length > 1 && (
            <path className={styles.trendSelfLine} d={path(indexes, (point) => point.self!)} />
          )}
          {indexes.map((index) => (
            <path
              key={index}
              className={styles.trendSelf}
              d={`M ${x(index)} ${y(points[index]!.self!) - 4.5} l 4.5 4.5 l -4.5 4.5 l -4.5 -4.5 z`}
            />
          ))}
        </g>
      ))}
      {runs(points, (point) => point.mean !== null).map((indexes) => (
        <g key={`mean-${indexes[0]}`}>
          {indexes.length > 1 && (
            <path className={styles.trendMean} d={path(indexes, (point) => point.mean!)} />
          )}
          {indexes.map((index) => (
            <circle
              key={index}
              className={styles.trendPoint}
              cx={x(index)}
              cy={y(points[index]!.mean!)}
              r={points[index]!.selected ? 4.5 : 3.5}
            />
          ))}
        </g>
      ))}
      {points.map((point, index) =>
        index % step === 0 || point.selected || index === points.length - 1 ? (
          <text
            key={`label-${index}`}
            className={point.selected ? styles.trendAxisSelected : styles.trendAxis}
            x={x(index)}
            y={HEIGHT - 6}
            textAnchor="middle"
          >
            {point.label}
          </text>
        ) : null,
      )}
    </svg>
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
