// An OpenAI-compatible chat-completions endpoint (hosted models, or local servers such as Ollama
// or vLLM at `http://127.0.0.1:11434/v1`): one request per text, at temperature 0, with an
// instruction to answer with the translation only.
import {
  InputError,
  type MachineTranslation,
  type TranslationRequest,
  type Translator,
} from '@echotrace/core';
import { z } from 'zod';
import { DEFAULT_HTTP, endpointUrl, postJson, type HttpSettings } from './http.json.ts';

const answer = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }) }))
    .min(1, 'no choices in the answer'),
});

export interface OpenAiSettings {
  /** The API base, including `/v1` (`https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`). */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  readonly http?: HttpSettings;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const languageName = (code: string): string => {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
};

export function translationInstruction(source: string | null, target: string): string {
  const from = source ? ` from ${languageName(source)}` : '';
  return (
    `Translate the user's text${from} into ${languageName(target)}. Keep paragraph breaks, names, ` +
    'numbers and quotation marks as they are. Answer with the translation only, without notes.'
  );
}

export function createOpenAiTranslator(settings: OpenAiSettings): Translator {
  const endpoint = endpointUrl(settings.url, '/chat/completions');
  return {
    provider: 'openai',
    model: settings.model,
    maxCharacters: 6_000,
    async translate(request: TranslationRequest): Promise<MachineTranslation[]> {
      const out: MachineTranslation[] = [];
      for (const text of request.texts) {
        const got = await postJson(
          endpoint,
          {
            model: settings.model,
            temperature: 0,
            messages: [
              { role: 'system', content: translationInstruction(request.source, request.target) },
              { role: 'user', content: text },
            ],
          },
          answer,
          {
            headers: settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {},
            http: settings.http ?? DEFAULT_HTTP,
            signal: request.signal,
          },
        );
        const content = got.choices[0]!.message.content?.trim();
        if (!content) throw new InputError(endpoint, 'the answer holds no translation (empty message)');
        out.push({ text: content, detectedSource: request.source });
      }
      return out;
    },
  };
}
