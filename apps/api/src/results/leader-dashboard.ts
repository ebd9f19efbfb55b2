import type { LeaderDashboard, LeaderThesisResult } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import {
  effectiveThreshold,
  gateLeaderComments,
  gateLeaderRound,
  type LeaderRoundResult,
  type RaterComment,
  type RaterGroup,
  reportHighlights,
  type SampleSummary,
  THESIS_KEYS,
  type ThesisKey,
  welchChangeTest,
} from '@resonance/domain';
import { AppError } from '../errors/problem';
import { toGatedStatsView } from './gated-stats-view';
import { groupsOf, loadRollups } from './rollups';
import { roundBenchmark } from './round-benchmark';
import { secureRandom } from './secure-random';

const RELEASED = ['closed', 'archived'] as const;

/**
 * A leader's dashboard for one closed round (default: the latest), built only from stored rollups
 * and comments passed through the privacy gate. Rounds that are not closed do not exist here: a
 * leader learns nothing while a round is open. The self-assessment is included only when the
 * leader reads their own results.
 */
export async function getLeaderDashboard({
  db,
  orgId,
  leaderId,
  roundId,
  viewerPersonId,
  random = secureRandom,
}: {
  db: Db;
  orgId: string;
  leaderId: string;
  roundId?: string | undefined;
  viewerPersonId: string;
  random?: () => number;
}): Promise<LeaderDashboard> {
  const leader = await db.person.findFirst({
    where: { id: leaderId, orgId },
    select: { id: true, name: true },
  });
  if (!leader) throw new AppError('notFound', 'No such leader.');
  const rounds = await db.round.findMany({
    where: { orgId, state: { in: [...RELEASED] }, subjects: { some: { leaderId } } },
    select: {
      id: true,
      name: true,
      opensAt: true,
      closesAt: true,
      raterGroups: true,
      anonymityThreshold: true,
      questionnaire: { select: { version: true } },
    },
    orderBy: [{ closesAt: 'asc' }, { id: 'asc' }],
  });
  const round = roundId ? rounds.find((candidate) => candidate.id === roundId) : rounds.at(-1);
  if (!round) {
    throw new AppError('notFound', 'No results yet: results appear here once a round has closed.', {
      code: 'results-not-found',
    });
  }

  const org = await db.organisation.findUniqueOrThrow({
    where: { id: orgId },
    select: { anonymityThreshold: true },
  });
  // Each round keeps the k it promised (rule 9); the trend gates every round with its own.
  const kOf = (r: { anonymityThreshold: number | null }) =>
    effectiveThreshold(r.anonymityThreshold, org.anonymityThreshold);
  const k = kOf(round);
  const includeSelf = viewerPersonId === leaderId;
  const [ownRollups, benchmarks, comments] = await Promise.all([
    loadRollups(db, { roundIds: rounds.map((r) => r.id), leaderId }),
    // Every round's benchmark at that round's k: the trend's organisation reference line.
    Promise.all(rounds.map((r) => roundBenchmark(db, r.id, kOf(r)))),
    db.comment.findMany({
      where: { roundId: round.id, leaderId },
      select: { raterGroup: true, kind: true, thesisKey: true, text: true },
    }),
  ]);

  const results = new Map<string, LeaderRoundResult>(
    rounds.map((r) => [
      r.id,
      gateLeaderRound({
        k: kOf(r),
        groups: groupsOf(ownRollups, r.id, leaderId, r.raterGroups),
        includeSelf,
      }),
    ]),
  );
  const benchmarkOf = new Map(rounds.map((r, index) => [r.id, benchmarks[index]!]));
  const benchmark = benchmarkOf.get(round.id)!;
  const current = results.get(round.id)!;
  const roundIndex = rounds.findIndex((r) => r.id === round.id);
  const previous = roundIndex > 0 ? rounds[roundIndex - 1]! : null;
  const previousResult = previous ? results.get(previous.id)! : null;

  const responseCounts = new Map<RaterGroup, { responseCount: number; withheld: boolean }>();
  for (const rollup of groupsOf(ownRollups, round.id, leaderId)) {
    responseCounts.set(rollup.raterGroup, {
      responseCount: rollup.responseCount,
      withheld: rollup.withheld === true,
    });
  }
  const gatedComments = (kind: 'thesis' | 'keep_doing' | 'start_doing'): RaterComment[] => {
    const byGroup = new Map<RaterGroup, RaterComment[]>();
    for (const comment of comments) {
      if (comment.kind !== kind) continue;
      const list = byGroup.get(comment.raterGroup) ?? [];
      list.push({ thesis: (comment.thesisKey as ThesisKey | null) ?? null, text: comment.text });
      byGroup.set(comment.raterGroup, list);
    }
    return gateLeaderComments({
      k,
      groups: [...responseCounts].map(([raterGroup, { responseCount, withheld }]) => ({
        raterGroup,
        responseCount,
        withheld,
        comments: byGroup.get(raterGroup) ?? [],
      })),
      random,
    });
  };
  const thesisComments = gatedComments('thesis');

  const theses: LeaderThesisResult[] = THESIS_KEYS.map((thesis) => {
    const result = current.theses[thesis];
    const before = previousResult?.theses[thesis].others;
    const change =
      previous && before?.status === 'shown' && result.others.status === 'shown'
        ? {
            previousRoundId: previous.id,
            previousMean: round2(before.mean),
            delta: round2(result.others.mean - before.mean),
            ...changeVerdict(result.others, before),
          }
        : null;
    return {
      thesis,
      others: toGatedStatsView(result.others),
      change,
      self: result.self ? { score: round2(result.self.score) } : null,
      selfOtherGap: result.selfOtherGap
        ? { gap: round2(result.selfOtherGap.gap), kind: result.selfOtherGap.kind }
        : null,
      orgAverage: toGatedStatsView(benchmark[thesis]),
      groups: result.groups.map((group) => ({
        raterGroup: group.raterGroup,
        identifiable: group.identifiable,
        stats: toGatedStatsView(group.stats),
      })),
      trend: rounds.map((r) => {
        const { others, self } = results.get(r.id)!.theses[thesis];
        const org = benchmarkOf.get(r.id)![thesis];
        const references = {
          self: self ? round2(self.score) : null,
          orgMean: org.status === 'shown' ? round2(org.mean) : null,
        };
        return others.status === 'shown'
          ? {
              roundId: r.id,
              mean: round2(others.mean),
              ci95: others.ci95
                ? ([round2(others.ci95[0]), round2(others.ci95[1])] as [number, number])
                : null,
              ...references,
            }
          : { roundId: r.id, mean: null, ci95: null, ...references };
      }),
      comments: thesisComments.filter((comment) => comment.thesis === thesis).map((comment) => comment.text),
    };
  });

  const shown = THESIS_KEYS.flatMap((thesis) => {
    const others = current.theses[thesis].others;
    return others.status === 'shown' ? [{ thesis, mean: others.mean }] : [];
  });
  const ranked = [...shown].sort((a, b) => b.mean - a.mean);
  const distinct = ranked.length >= 2 && ranked[0]!.mean !== ranked.at(-1)!.mean;

  const ref = (r: (typeof rounds)[number]) => ({
    id: r.id,
    name: r.name,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
  });
  return {
    leader,
    round: { ...ref(round), questionnaireVersion: round.questionnaire.version },
    rounds: rounds.map(ref),
    k: current.k,
    groups: current.groups.map((group) => ({
      raterGroup: group.raterGroup,
      identifiable: group.identifiable,
      responses: group.responses,
      withheld: group.withheld,
    })),
    theses,
    keepDoing: gatedComments('keep_doing').map((comment) => comment.text),
    startDoing: gatedComments('start_doing').map((comment) => comment.text),
    highlights: reportHighlights(
      theses.map((result) => ({
        thesis: result.thesis,
        mean: result.others.status === 'shown' ? result.others.mean : null,
        change: result.change,
        orgMean: result.orgAverage.status === 'shown' ? result.orgAverage.mean : null,
        selfGap: result.selfOtherGap?.gap ?? null,
      })),
    ),
    strongest: distinct ? ranked[0]!.thesis : null,
    weakest: distinct ? ranked.at(-1)!.thesis : null,
  };
}

/** Welch's test on the two rounds' "others" figures (see the domain's change-test). */
function changeVerdict(current: SampleSummary, previous: SampleSummary) {
  const test = welchChangeTest(current, previous);
  return test.testable
    ? { beyondNoise: test.significant, pValue: Math.round(test.pValue * 10_000) / 10_000 }
    : { beyondNoise: false, pValue: null };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
