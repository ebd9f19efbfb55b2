import type { LeaderDashboard, LeaderThesisResult } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { reportHighlights, type SampleSummary, THESIS_KEYS, welchChangeTest } from '@resonance/domain';
import { AppError } from '../errors/problem';
import { toGatedStatsView } from './gated-stats-view';
import { secureRandom } from './secure-random';
import { readLeaderRounds, type StoredLeaderRound } from './stored-results';

/**
 * A leader's dashboard for one closed round (default: the latest), read from what the privacy gate
 * released when the round closed (see stored-results): one query, then only arranging the stored
 * figures. Rounds that are not closed do not exist here: a leader learns nothing while a round is
 * open. The self-assessment is included only when the leader reads their own results.
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
  /** Shuffles comments where a result is stored on first read; the CSPRNG. */
  random?: () => number;
}): Promise<LeaderDashboard> {
  const stored = await readLeaderRounds(db, {
    orgId,
    leaderId,
    roundId,
    includeSelf: viewerPersonId === leaderId,
    random,
  });
  if (!stored) throw new AppError('notFound', 'No such leader.');
  const index = stored.rounds.findIndex((round) => round.selected);
  if (index < 0) {
    throw new AppError('notFound', 'No results yet: results appear here once a round has closed.', {
      code: 'results-not-found',
    });
  }
  return assembleLeaderDashboard({ id: leaderId, name: stored.leaderName }, stored.rounds, index);
}

/**
 * The dashboard from a leader's stored rounds (oldest first) and the index of the one it is about.
 * Work here grows with the leader's rounds only, never with the organisation.
 */
export function assembleLeaderDashboard(
  leader: { id: string; name: string },
  rounds: readonly StoredLeaderRound[],
  index: number,
): LeaderDashboard {
  const round = rounds[index]!;
  const previous = index > 0 ? rounds[index - 1]! : null;
  const groups = round.groups!;
  const comments = round.comments!;

  const theses: LeaderThesisResult[] = THESIS_KEYS.map((thesis) => {
    const others = round.others[thesis];
    const before = previous?.others[thesis];
    const change =
      previous && before?.status === 'shown' && others.status === 'shown'
        ? {
            previousRoundId: previous.id,
            previousMean: round2(before.mean),
            delta: round2(others.mean - before.mean),
            ...changeVerdict(others, before),
          }
        : null;
    const self = round.self?.[thesis] ?? null;
    const gap = others.status === 'shown' ? self?.selfOtherGap : null;
    return {
      thesis,
      others: toGatedStatsView(others),
      change,
      self: self ? { score: round2(self.score) } : null,
      selfOtherGap: gap ? { gap: round2(gap.gap), kind: gap.kind } : null,
      orgAverage: toGatedStatsView(round.benchmark[thesis]),
      groups: groups.theses[thesis].map((group) => ({
        raterGroup: group.raterGroup,
        identifiable: group.identifiable,
        stats: group.stats,
      })),
      trend: rounds.map((r) => {
        const point = r.others[thesis];
        const selfScore = r.self?.[thesis];
        const org = r.benchmark[thesis];
        const references = {
          self: selfScore ? round2(selfScore.score) : null,
          orgMean: org.status === 'shown' ? round2(org.mean) : null,
        };
        return point.status === 'shown'
          ? {
              roundId: r.id,
              mean: round2(point.mean),
              ci95: point.ci95 ? ([round2(point.ci95[0]), round2(point.ci95[1])] as [number, number]) : null,
              ...references,
            }
          : { roundId: r.id, mean: null, ci95: null, ...references };
      }),
      comments: comments.theses[thesis],
    };
  });

  const shown = THESIS_KEYS.flatMap((thesis) => {
    const others = round.others[thesis];
    return others.status === 'shown' ? [{ thesis, mean: others.mean }] : [];
  });
  const ranked = [...shown].sort((a, b) => b.mean - a.mean);
  const distinct = ranked.length >= 2 && ranked[0]!.mean !== ranked.at(-1)!.mean;

  const ref = (r: StoredLeaderRound) => ({
    id: r.id,
    name: r.name,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
  });
  return {
    leader,
    round: { ...ref(round), questionnaireVersion: round.questionnaireVersion },
    rounds: rounds.map(ref),
    k: round.k,
    combinedGroups: round.combinedGroups,
    groups: groups.groups.map((group) => ({
      raterGroup: group.raterGroup,
      identifiable: group.identifiable,
      // Copied field by field: the reply is not re-validated against the contract (see routes).
      responses:
        group.responses.status === 'shown'
          ? { status: 'shown' as const, count: group.responses.count }
          : { status: 'insufficient' as const },
      withheld: group.withheld,
    })),
    theses,
    keepDoing: comments.keepDoing,
    startDoing: comments.startDoing,
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
