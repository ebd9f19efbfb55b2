import { allItemIds, getQuestionnaire, THESIS_KEYS } from '@resonance/domain';

const ITEM_IDS = allItemIds(getQuestionnaire(1));

export interface AnswerBody {
  answers: { itemKey: string; score: number | null }[];
  comments: { thesisKey: string; text: string }[];
  keepDoing?: string;
  startDoing?: string;
}

/** A small deterministic generator, so every run of the bench answers the same way. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A complete answer to questionnaire v1, as a rater sends it: every item scored 1..5 around a
 * per-rater tendency, about one in twelve "can't judge", a comment now and then.
 */
export function answerBody(seed: number): AnswerBody {
  const random = seeded(seed);
  const tendency = 2 + random() * 3;
  const answers = ITEM_IDS.map((itemKey) => ({
    itemKey,
    score: random() < 0.08 ? null : Math.min(5, Math.max(1, Math.round(tendency + (random() - 0.5) * 2))),
  }));
  const body: AnswerBody = { answers, comments: [] };
  if (random() < 0.3) {
    const thesisKey = THESIS_KEYS[Math.floor(random() * THESIS_KEYS.length)]!;
    body.comments.push({
      thesisKey,
      text: 'Takes time for the team and explains the reasons for decisions.',
    });
  }
  if (random() < 0.2) body.keepDoing = 'Keep the weekly open-door hour.';
  if (random() < 0.15) body.startDoing = 'Share the quarterly priorities earlier.';
  return body;
}

/** The HTTP request a rater's browser sends to submit: token in the header, own client address. */
export function submitRequest(token: string, seed: number, clientAddress: string) {
  return {
    method: 'POST' as const,
    path: '/api/v1/survey/response',
    headers: {
      'content-type': 'application/json',
      'x-invite-token': token,
      'x-forwarded-for': clientAddress,
    },
    body: JSON.stringify(answerBody(seed)),
  };
}
