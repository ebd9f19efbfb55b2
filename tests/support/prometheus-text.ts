/** One sample of a scrape: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  samples: Sample[];
  /** `# TYPE` per metric family. */
  types: Map<string, string>;
  help: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/y;

/** Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes `Nan`). */
function parseValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a sample value: ${text}`);
  return value;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (!match || LABEL.lastIndex === start) throw new Error(`bad labels in line: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
  }
  return labels;
}

/**
 * A strict reader of the Prometheus text format 0.0.4: every line must be a comment, blank, or a
 * well-formed sample, or it throws — so a scrape a real Prometheus would reject fails the test.
 */
export function parsePrometheusText(text: string): Scrape {
  const scrape: Scrape = { samples: [], types: new Map(), help: new Map() };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (!name || !type || !/^(counter|gauge|histogram|summary|untyped)$/.test(type)) {
        throw new Error(`bad TYPE line: ${line}`);
      }
      scrape.types.set(name, type);
      continue;
    }
    if (line.startsWith('# HELP ')) {
      const rest = line.slice(7);
      const space = rest.indexOf(' ');
      scrape.help.set(space < 0 ? rest : rest.slice(0, space), space < 0 ? '' : rest.slice(space + 1));
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    scrape.samples.push({
      name: match[1]!,
      labels: match[2] ? parseLabels(match[2], line) : {},
      value: parseValue(match[3]!),
    });
  }
  return scrape;
}

/** A sample's identity: name and sorted labels. */
export function seriesKey(sample: Pick<Sample, 'name' | 'labels'>): string {
  const labels = Object.entries(sample.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(',');
  return `${sample.name}{${labels}}`;
}

/** The value of the one sample matching name and labels (a subset), or undefined. */
export function sampleValue(
  scrape: Scrape,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = scrape.samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples match ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** Series whose value changed from `before` to `after` (a missing series counts as 0), with the difference. */
export function changes(
  before: Scrape,
  after: Scrape,
  include: (name: string) => boolean,
): Map<string, number> {
  const old = new Map(before.samples.map((sample) => [seriesKey(sample), sample.value]));
  const changed = new Map<string, number>();
  for (const sample of after.samples) {
    if (!include(sample.name)) continue;
    const key = seriesKey(sample);
    const delta = sample.value - (old.get(key) ?? 0);
    if (delta !== 0) changed.set(key, delta);
  }
  return changed;
}
