// Language identification. eld's n-gram model covers 60 languages offline; we reduce its answer to
// ISO 639-1 and `und` when the text is too short or too mixed to say.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { eld as Eld } from 'eld/medium';

/** Languages the project is tested on; eld may return others, which are kept as they come. */
export const SUPPORTED_LANGUAGES = ['ru', 'uk', 'be', 'bg', 'en', 'zh', 'ko', 'fa', 'ar'] as const;

const SAMPLE_CHARS = 2000;

// Loading eld's medium model costs ~0.35 s and ~200 MB of memory (its n-gram table is one large
// object literal), so it is loaded on first use rather than by everything that imports core:
// enrichment threads, `search`, `show` and the worker's fetch jobs never identify a language.
// eld exports only an `import` condition; requiring the resolved file keeps identifyLanguage
// synchronous (Node ≥ 22.12 requires ES modules without top-level await).
let detector: typeof Eld | null = null;
function eld(): typeof Eld {
  if (!detector) {
    const require = createRequire(import.meta.url);
    const file = fileURLToPath(import.meta.resolve('eld/medium'));
    detector = (require(file) as { eld: typeof Eld }).eld;
  }
  return detector;
}

export function identifyLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (!/\p{L}/u.test(sample)) return 'und';
  const result = eld().detect(sample);
  return result.language || 'und';
}
