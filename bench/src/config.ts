import { parseArgs } from 'node:util';

/** One size of the benchmark: the organisation it builds and how much load each run sends. */
export interface BenchSize {
  name: 'quick' | 'full';
  leaders: number;
  reportsPerLeader: number;
  /** Leaders per head of department (their manager in the org chart). */
  leadersPerHead: number;
  /** Closed rounds built before measuring (each: open, answers from ~80 % of raters, close). */
  historyRounds: number;
  /** Repetitions of every alternating API / raw-SQL pair; medians are reported. */
  reps: number;
  submitsPerRun: number;
  warmupRequests: number;
  dashboardRequestsPerRun: number;
  roundReadRequestsPerRun: number;
  /** Leaders of the separate organisation the embedded (PGlite) API gets. */
  embeddedLeaders: number;
}

export const SIZES: Record<BenchSize['name'], BenchSize> = {
  quick: {
    name: 'quick',
    leaders: 50,
    reportsPerLeader: 10,
    leadersPerHead: 10,
    historyRounds: 3,
    reps: 3,
    submitsPerRun: 500,
    warmupRequests: 200,
    dashboardRequestsPerRun: 300,
    roundReadRequestsPerRun: 20,
    embeddedLeaders: 50,
  },
  full: {
    name: 'full',
    leaders: 500,
    reportsPerLeader: 10,
    leadersPerHead: 10,
    historyRounds: 8,
    reps: 5,
    submitsPerRun: 2000,
    warmupRequests: 500,
    dashboardRequestsPerRun: 1000,
    roundReadRequestsPerRun: 30,
    embeddedLeaders: 100,
  },
};

/** Concurrency of each measurement, as the table states it. */
export const CONCURRENCY = {
  submit: 50,
  dashboard: 10,
  /** Heatmap and CSV export: admin actions, a couple at a time on a 2-core machine. */
  roundReads: 2,
  /** Answers of the history rounds (dataset build, not measured). */
  build: 50,
};

export interface BenchOptions {
  size: BenchSize;
  /** Server the bench creates its own database on (and drops it afterwards). */
  adminDatabaseUrl: string;
  embedded: boolean;
  /** Also build an organisation 10× the size and read its dashboards (only where its rounds fit). */
  scale: boolean;
  keepDatabase: boolean;
}

const USAGE = `pnpm bench [--quick] [--leaders N] [--history N] [--reps N] [--no-embedded] [--no-scale] [--keep-db]
  --quick        50 leaders × 10 direct reports, 3 closed rounds, 3 repetitions (a few minutes);
                 also a 10× organisation (500 leaders) for the "at 10×" row and full-size open/close
  (default)      500 leaders × 10 direct reports, 8 closed rounds, 5 repetitions
                 (its 10× organisation would need rounds of more than 1,000 leaders: not built)
  BENCH_DATABASE_URL  PostgreSQL server to create the bench database on
                      (default postgresql://postgres@127.0.0.1:5432/test)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      leaders: { type: 'string' },
      history: { type: 'string' },
      reps: { type: 'string' },
      'no-embedded': { type: 'boolean', default: false },
      'no-scale': { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const size = { ...SIZES[values.quick ? 'quick' : 'full'] };
  if (values.leaders) size.leaders = positive('--leaders', values.leaders);
  if (values.history) size.historyRounds = positive('--history', values.history);
  if (values.reps) size.reps = positive('--reps', values.reps);
  return {
    size,
    adminDatabaseUrl: process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test',
    embedded: !values['no-embedded'],
    scale: !values['no-scale'],
    keepDatabase: values['keep-db'],
  };
}

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a positive whole number`);
  return number;
}
