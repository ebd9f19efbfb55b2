import type { Survey } from '@resonance/contracts';
import { describe, expect, it } from 'vitest';
import { classifySurveyProblem, responseBody } from './survey-api';
import { emptyDraft } from './survey-storage';

const problem = (slug: string) => `https://resonance.dev/problems/${slug}`;

describe('classifySurveyProblem', () => {
  it("maps the API's invitation problems to states a rater understands", () => {
    expect(classifySurveyProblem(409, problem('invitation-used'))).toBe('used');
    expect(classifySurveyProblem(409, problem('survey-not-open'))).toBe('notOpen');
    expect(classifySurveyProblem(410, problem('survey-closed'))).toBe('closed');
    expect(classifySurveyProblem(404, problem('invitation-unknown'))).toBe('unknown');
    expect(classifySurveyProblem(401, problem('invitation-token-missing'))).toBe('unknown');
    expect(classifySurveyProblem(400, problem('validation'))).toBe('rejected');
    expect(classifySurveyProblem(503, undefined)).toBe('unavailable');
  });
});

describe('responseBody', () => {
  const survey = {
    questionnaire: {
      theses: [
        { key: 'visibility', items: [{ key: 'visibility.1' }, { key: 'visibility.2' }] },
        { key: 'values', items: [{ key: 'values.1' }] },
      ],
    },
  } as unknown as Survey;

  it("sends every item once, can't judge as null, and only non-blank texts", () => {
    const draft = {
      ...emptyDraft(),
      answers: { 'visibility.1': 4, 'visibility.2': null, 'values.1': 2 },
      comments: { visibility: '  Always there.  ', values: '   ' },
      keepDoing: ' Friday walks ',
      startDoing: '',
    };
    expect(responseBody(survey, draft)).toEqual({
      answers: [
        { itemKey: 'visibility.1', score: 4 },
        { itemKey: 'visibility.2', score: null },
        { itemKey: 'values.1', score: 2 },
      ],
      comments: [{ thesisKey: 'visibility', text: 'Always there.' }],
      keepDoing: 'Friday walks',
    });
  });
});
