// DeepL's API (`POST /v2/translate`, key in `Authorization: DeepL-Auth-Key …`): up to 50 texts per
// request, language codes in capitals, and English or Portuguese as a target only with a variant.
import {
  InputError,
  type MachineTranslation,
  type TranslationRequest,
  type Translator,
} from '@echotrace/core';
import { z } from 'zod';
import { DEFAULT_HTTP, endpointUrl, postJson, type HttpSettings } from './http.json.ts';

const answer = z.object({
  translations: z.array(z.object({ text: z.string(), detected_source_language: z.string().optional() })),
});

const TEXTS_PER_REQUEST = 50;
// DeepL refuses the bare codes as targets.
const TARGET_VARIANT: Record<string, string> = { EN: 'EN-US', PT: 'PT-PT' };

export interface DeepLSettings {
  /** `https://api-free.deepl.com` or `https://api.deepl.com` (or a compatible local server). */
  readonly url: string;
  readonly apiKey: string;
  readonly http?: HttpSettings;
}

export function createDeepLTranslator(settings: DeepLSettings): Translator {
  const endpoint = endpointUrl(settings.url, '/v2/translate');
  return {
    provider: 'deepl',
    model: null,
    maxCharacters: 20_000,
    async translate(request: TranslationRequest): Promise<MachineTranslation[]> {
      const target = request.target.toUpperCase();
      const out: MachineTranslation[] = [];
      for (let i = 0; i < request.texts.length; i += TEXTS_PER_REQUEST) {
        const texts = request.texts.slice(i, i + TEXTS_PER_REQUEST);
        const got = await postJson(
          endpoint,
          {
            text: texts,
            target_lang: TARGET_VARIANT[target] ?? target,
            ...(request.source ? { source_lang: request.source.toUpperCase() } : {}),
          },
          answer,
          {
            headers: { authorization: `DeepL-Auth-Key ${settings.apiKey}` },
            http: settings.http ?? DEFAULT_HTTP,
            signal: request.signal,
          },
        );
        if (got.translations.length !== texts.length)
          throw new InputError(
            endpoint,
            `asked for ${texts.length} translations, got ${got.translations.length}`,
          );
        for (const t of got.translations)
          out.push({
            text: t.text,
            detectedSource: t.detected_source_language?.toLowerCase() ?? request.source,
          });
      }
      return out;
    },
  };
}
