import { useTranslations } from 'next-intl';
import type { LineProblem } from './import-lines';

/**
 * Words an import problem in the user's language by its stable `code`. Codes
 * this client does not know yet (a newer API) fall back to the API's English
 * message rather than showing a bare key.
 */
export function useImportErrorText(): (problem: Pick<LineProblem, 'code' | 'params' | 'message'>) => string {
  const t = useTranslations('importErrors');
  return ({ code, params, message }) => (code && t.has(code) ? t(code, params) : message);
}
