/**
 * Where the survey keeps things in the browser:
 * - the invitation token in sessionStorage (this tab only, gone when it closes),
 *   after it has been taken out of the address bar;
 * - unsent answers in localStorage under a hash of the token, so a reload or a
 *   crash loses nothing, and the token itself is never written to disk.
 */
const TOKEN_KEY = 'resonance.survey.token';
const DRAFT_PREFIX = 'resonance.survey.draft.';

export interface SurveyDraft {
  /** Item key → score 1..5, or null for "can't judge". Missing means not answered yet. */
  answers: Record<string, number | null>;
  comments: Record<string, string>;
  keepDoing: string;
  startDoing: string;
  step: number;
}

export function emptyDraft(): SurveyDraft {
  return { answers: {}, comments: {}, keepDoing: '', startDoing: '', step: 0 };
}

/**
 * Reads `#t=<token>` from the address, removes the fragment at once (so it is
 * not left in the address bar, history or a screenshot) and keeps the token
 * for this tab. Falls back to the token kept earlier in this tab.
 */
export function takeInvitationToken(): string | undefined {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromLink = fragment.get('t')?.trim();
  if (window.location.hash) {
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}`,
    );
  }
  try {
    if (fromLink) {
      window.sessionStorage.setItem(TOKEN_KEY, fromLink);
      return fromLink;
    }
    return window.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return fromLink;
  }
}

export function forgetInvitationToken(): void {
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be disabled; nothing was kept then.
  }
}

/** SHA-256 where the browser offers it (secure contexts), otherwise a 64-bit FNV-1a: only a storage key. */
export async function draftKey(token: string): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
    return (
      DRAFT_PREFIX + [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
    );
  }
  let hash = 0xcbf29ce484222325n;
  for (const char of token) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `${DRAFT_PREFIX}fnv-${hash.toString(16)}`;
}

export function loadDraft(key: string): SurveyDraft {
  try {
    const stored = window.localStorage.getItem(key);
    if (!stored) return emptyDraft();
    const parsed = JSON.parse(stored) as Partial<SurveyDraft>;
    return {
      answers: parsed.answers && typeof parsed.answers === 'object' ? parsed.answers : {},
      comments: parsed.comments && typeof parsed.comments === 'object' ? parsed.comments : {},
      keepDoing: typeof parsed.keepDoing === 'string' ? parsed.keepDoing : '',
      startDoing: typeof parsed.startDoing === 'string' ? parsed.startDoing : '',
      step: typeof parsed.step === 'number' && parsed.step >= 0 ? parsed.step : 0,
    };
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(key: string, draft: SurveyDraft): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Private mode or a full disk: the survey still works, it just cannot survive a reload.
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
