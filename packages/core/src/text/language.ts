// Language identification. eld's n-gram model covers 60 languages offline; we reduce its answer to
// ISO 639-1 and `und` when the text is too short or too mixed to say.
import { eld } from 'eld/medium';

/** Languages the project is tested on; eld may return others, which are kept as they come. */
export const SUPPORTED_LANGUAGES = ['ru', 'uk', 'be', 'bg', 'en', 'zh', 'ko', 'fa', 'ar'] as const;

const SAMPLE_CHARS = 2000;

export function identifyLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (!/\p{L}/u.test(sample)) return 'und';
  const result = eld.detect(sample);
  return result.language || 'und';
}
