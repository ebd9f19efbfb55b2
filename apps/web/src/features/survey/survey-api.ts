import type { Survey, SurveyResponseRequest, SurveySubmitted } from '@resonance/contracts';
import type { SurveyDraft } from './survey-storage';

/** Why the survey cannot be answered, in the words the page uses. */
export type SurveyBlock = 'missing' | 'unknown' | 'used' | 'closed' | 'notOpen' | 'unavailable' | 'rejected';

export type SurveyResult<T> = { ok: true; data: T } | { ok: false; block: SurveyBlock; detail?: string };

/** Maps the API's problem to a state the rater understands; the type slug wins over the bare status. */
export function classifySurveyProblem(status: number, type: string | undefined): SurveyBlock {
  const code = (type ?? '').split('/').pop() ?? '';
  if (/not-(yet-)?open|not-started|scheduled/.test(code)) return 'notOpen';
  if (/used|consumed|already/.test(code)) return 'used';
  if (/closed|expired|gone/.test(code)) return 'closed';
  if (status === 404 || status === 401) return 'unknown';
  if (status === 409) return 'used';
  if (status === 410) return 'closed';
  if (status === 425 || status === 423) return 'notOpen';
  // The answers themselves were not accepted (too long, malformed): the rater can fix and resend.
  if (status === 400 || status === 413 || status === 422) return 'rejected';
  return 'unavailable';
}

async function failure(response: Response): Promise<{ ok: false; block: SurveyBlock; detail?: string }> {
  let type: string | undefined;
  let detail: string | undefined;
  try {
    const body = (await response.json()) as { type?: string; detail?: string };
    type = body.type;
    detail = body.detail;
  } catch {
    // Not a problem document; the status decides.
  }
  return { ok: false, block: classifySurveyProblem(response.status, type), detail };
}

/** The token goes in a header, never in the URL; the call is same-origin and forwarded to the API. */
export async function fetchSurvey(token: string, locale?: string): Promise<SurveyResult<Survey>> {
  try {
    const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
    const response = await fetch(`/api/v1/survey${query}`, {
      headers: { 'x-invite-token': token, accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) return failure(response);
    return { ok: true, data: (await response.json()) as Survey };
  } catch {
    return { ok: false, block: 'unavailable' };
  }
}

/** The follow-up item asked on this thesis' step, if the leader chose it as a focus. */
export function followUpOf(survey: Survey, thesisKey: string) {
  return survey.followUp?.items.find((item) => item.thesis === thesisKey) ?? null;
}

export function responseBody(survey: Survey, draft: SurveyDraft): SurveyResponseRequest {
  const answers = survey.questionnaire.theses.flatMap((thesis) =>
    thesis.items.map((item) => ({ itemKey: item.key, score: draft.answers[item.key] ?? null })),
  );
  // Every follow-up item is sent too: it is part of what the round asks, "can't judge" included.
  for (const item of survey.followUp?.items ?? []) {
    answers.push({ itemKey: item.key, score: draft.answers[item.key] ?? null });
  }
  const comments = survey.questionnaire.theses
    .map((thesis) => ({ thesisKey: thesis.key, text: (draft.comments[thesis.key] ?? '').trim() }))
    .filter((comment) => comment.text.length > 0);
  const keepDoing = draft.keepDoing.trim();
  const startDoing = draft.startDoing.trim();
  return {
    answers,
    comments,
    ...(keepDoing ? { keepDoing } : {}),
    ...(startDoing ? { startDoing } : {}),
  };
}

export async function submitSurvey(
  token: string,
  body: SurveyResponseRequest,
): Promise<SurveyResult<SurveySubmitted>> {
  try {
    const response = await fetch('/api/v1/survey/response', {
      method: 'POST',
      headers: { 'x-invite-token': token, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) return failure(response);
    return { ok: true, data: (await response.json()) as SurveySubmitted };
  } catch {
    return { ok: false, block: 'unavailable' };
  }
}
