import { isLocale, type Locale } from '@resonance/domain';

/** The first supported language of an Accept-Language header by quality, e.g. "de-CH,de;q=0.9,en;q=0.8" → de. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const candidates = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return {
        language: tag.trim().toLowerCase().split('-')[0],
        quality: Number.isNaN(quality) ? 0 : quality,
        index,
      };
    })
    .filter((candidate) => candidate.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return candidates.find((candidate) => isLocale(candidate.language))?.language as Locale | undefined;
}
