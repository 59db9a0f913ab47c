// The translator an operator configured, by provider name; what entry points call.
import { UsageError, type Translator } from '@echotrace/core';
import { createDeepLTranslator } from './deepl.translator.ts';
import { DEFAULT_HTTP, type HttpSettings } from './http.json.ts';
import { createLibreTranslateTranslator } from './libretranslate.translator.ts';
import { createOpenAiTranslator } from './openai.translator.ts';

export const TRANSLATION_PROVIDERS = ['libretranslate', 'openai', 'deepl'] as const;
export type TranslationProvider = (typeof TRANSLATION_PROVIDERS)[number];

export interface TranslatorSettings {
  readonly provider: TranslationProvider;
  readonly url: string;
  readonly apiKey?: string | undefined;
  readonly model?: string | undefined;
  readonly http?: HttpSettings;
}

export function createTranslator(settings: TranslatorSettings): Translator {
  const http = settings.http ?? DEFAULT_HTTP;
  switch (settings.provider) {
    case 'libretranslate':
      return createLibreTranslateTranslator({ url: settings.url, apiKey: settings.apiKey, http });
    case 'deepl':
      if (!settings.apiKey)
        throw new UsageError('DeepL needs an API key (ECHOTRACE_TRANSLATE_KEY)', {
          input: 'ECHOTRACE_TRANSLATE_KEY',
          problem: 'DeepL needs an API key',
        });
      return createDeepLTranslator({ url: settings.url, apiKey: settings.apiKey, http });
    case 'openai':
      if (!settings.model)
        throw new UsageError('an OpenAI-compatible endpoint needs a model (ECHOTRACE_TRANSLATE_MODEL)', {
          input: 'ECHOTRACE_TRANSLATE_MODEL',
          problem: 'an OpenAI-compatible endpoint needs a model',
        });
      return createOpenAiTranslator({
        url: settings.url,
        model: settings.model,
        apiKey: settings.apiKey,
        http,
      });
  }
}
