import type { GatedStats as GatedStatsView } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { isIdentifiableGroup, THESIS_KEYS } from '@resonance/domain';
import { toGatedStatsView } from './gated-stats-view';
import { secureRandom } from './secure-random';
import { readRoundResults } from './stored-results';

/** An insufficient row's ten number fields, empty. */
const NO_NUMBERS = ',,,,,,,,,';

const COLUMNS = [
  'round',
  'leader',
  'leader_email',
  'rater_group',
  'identifiable',
  'thesis',
  'status',
  'mean',
  'ci95_low',
  'ci95_high',
  'favourable_percent',
  'n',
  'dist_1_percent',
  'dist_2_percent',
  'dist_3_percent',
  'dist_4_percent',
  'dist_5_percent',
] as const;

/**
 * Aggregated results of a closed round as CSV: per leader the "others" figure (rater_group
 * `all`) and each rater group, per thesis, then the organisation average. Built from the same gated
 * figures as the heatmap; an insufficient row has a status and no numbers. No self-assessments,
 * no comments, no raw answers.
 */
export async function exportRoundCsv({
  db,
  orgId,
  roundId,
  random = secureRandom,
}: {
  db: Db;
  orgId: string;
  roundId: string;
  random?: () => number;
}) {
  const results = await readRoundResults(db, { orgId, roundId, withGroups: true, random });
  const lines: string[] = [COLUMNS.map(csvField).join(',')];
  // Text (round, leader, email) goes through csvField, once per leader. The other fields are rater
  // group and thesis keys, statuses and non-negative numbers: none can hold a separator or start a
  // formula, so they are written as they are (this loop runs for every leader × thesis × group).
  const push = (
    prefix: string,
    group: string,
    identifiable: boolean,
    thesis: string,
    view: GatedStatsView,
  ) => {
    const numbers =
      view.status === 'shown'
        ? `${view.mean.toFixed(2)},${view.ci95 ? view.ci95[0].toFixed(2) : ''},${view.ci95 ? view.ci95[1].toFixed(2) : ''},${view.favourablePercent},${view.n},${view.distributionPercent.join(',')}`
        : NO_NUMBERS;
    lines.push(`${prefix},${group},${identifiable},${thesis},${view.status},${numbers}`);
  };
  const round = csvField(results.round.name);
  for (const leader of results.leaders) {
    const prefix = `${round},${csvField(leader.name)},${csvField(leader.email)}`;
    for (const thesis of THESIS_KEYS) {
      push(prefix, 'all', false, thesis, toGatedStatsView(leader.others[thesis]));
      for (const group of leader.groups!.theses[thesis]) {
        push(prefix, group.raterGroup, isIdentifiableGroup(group.raterGroup), thesis, group.stats);
      }
    }
  }
  const organisation = `${round},${csvField('(organisation average)')},`;
  for (const thesis of THESIS_KEYS)
    push(organisation, 'all', false, thesis, toGatedStatsView(results.orgAverage[thesis]));

  const fileName = `resonance-${slug(results.round.name)}-${results.round.closesAt.toISOString().slice(0, 10)}.csv`;
  return { fileName, csv: `${lines.join('\r\n')}\r\n` };
}

/**
 * A cell a spreadsheet could run as a formula: its first character after any whitespace or line
 * breaks is one that starts a formula in Excel, LibreOffice or Google Sheets — also their
 * full-width forms, which some of them fold to the ASCII ones — or `|` (DDE in older Excel).
 */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@|\uff1d\uff0b\uff0d\uff20\uff5c]/u;
/** Plain numbers (such as a negative change) stay numbers. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** RFC 4180 quoting, plus a leading apostrophe for text a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'round'
  );
}
