// LibreTranslate's HTTP API (`POST /translate`): `q` may be a list, and the answer then lists
// `translatedText` (and `detectedLanguage` when the source was `auto`) in the same order.
import {
  InputError,
  type MachineTranslation,
  type TranslationRequest,
  type Translator,
} from '@echotrace/core';
import { z } from 'zod';
import { DEFAULT_HTTP, endpointUrl, postJson, type HttpSettings } from './http.json.ts';

const detected = z.object({ language: z.string(), confidence: z.number().optional() });
const answer = z.object({
  translatedText: z.union([z.string(), z.array(z.string())]),
  detectedLanguage: z.union([detected, z.array(detected)]).optional(),
});

export interface LibreTranslateSettings {
  readonly url: string;
  readonly apiKey?: string | undefined;
  readonly http?: HttpSettings;
}

export function createLibreTranslateTranslator(settings: LibreTranslateSettings): Translator {
  const endpoint = endpointUrl(settings.url, '/translate');
  return {
    provider: 'libretranslate',
    model: null,
    maxCharacters: 5_000,
    async translate(request: TranslationRequest): Promise<MachineTranslation[]> {
      if (request.texts.length === 0) return [];
      const body = {
        q: [...request.texts],
        source: request.source ?? 'auto',
        target: request.target,
        format: 'text',
        ...(settings.apiKey ? { api_key: settings.apiKey } : {}),
      };
      const got = await postJson(endpoint, body, answer, {
        http: settings.http ?? DEFAULT_HTTP,
        signal: request.signal,
      });
      const texts = Array.isArray(got.translatedText) ? got.translatedText : [got.translatedText];
      if (texts.length !== request.texts.length)
        throw new InputError(endpoint, `asked for ${request.texts.length} translations, got ${texts.length}`);
      const languages = got.detectedLanguage === undefined ? [] : [got.detectedLanguage].flat();
      return texts.map((text, i) => ({ text, detectedSource: languages[i]?.language ?? request.source }));
    },
  };
}
