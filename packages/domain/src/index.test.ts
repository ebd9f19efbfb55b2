import { describe, expect, it } from 'vitest';
import * as domain from './index';

describe('package entry point', () => {
  it('exposes the functions the API and web app build on', () => {
    const entryPoints = [
      domain.gateLeaderRound,
      domain.gateHeatmap,
      domain.gateOrgBenchmark,
      domain.gateComments,
      domain.gateLeaderComments,
      domain.gateParticipation,
      domain.normalizeAnonymityThreshold,
      domain.assertResultsReleased,
      domain.transition,
      domain.validateSchedule,
      domain.reminderTimes,
      domain.nextSeriesRound,
      domain.fromZonedWallTime,
      domain.nextRoundName,
      domain.raterAssignments,
      domain.detectManagerCycles,
      domain.parseOrgChartCsv,
      domain.respondentThesisScores,
      domain.accumulateResponses,
      domain.mergeAccumulators,
      domain.accumulatorStats,
      domain.getQuestionnaire,
    ];
    for (const entryPoint of entryPoints) expect(entryPoint).toBeTypeOf('function');
    expect(domain.THESIS_KEYS).toHaveLength(9);
    expect(domain.getQuestionnaire(domain.CURRENT_QUESTIONNAIRE_VERSION)).toBe(domain.questionnaireV1);
  });
});
