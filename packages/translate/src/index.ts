// The public surface of @echotrace/translate.
export { createTranslator, TRANSLATION_PROVIDERS } from './translator.factory.ts';
export type { TranslationProvider, TranslatorSettings } from './translator.factory.ts';
export { createLibreTranslateTranslator } from './libretranslate.translator.ts';
export { createDeepLTranslator } from './deepl.translator.ts';
export { createOpenAiTranslator, translationInstruction } from './openai.translator.ts';
export { DEFAULT_HTTP, type HttpSettings } from './http.json.ts';
