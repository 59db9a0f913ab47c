// `translate DOC --to LANG` sends a document's paragraphs to the configured translation service and
// stores each answer against its span; `translate show` prints what is stored; `translate edit` and
// `translate approve` record an analyst's wording or approval. The use cases are app's
// (translation.usecase.ts); this file chooses the adapter from the settings, parses and formats.
import { UsageError, type StoredTranslation } from '@echotrace/core';
import { approveTranslation, editTranslation, translateDocument } from '@echotrace/app';
import { createTranslator } from '@echotrace/translate';
import { writeJson, type Command, type CommandContext } from '../command.ts';
import { ProgressReporter } from '../progress.ts';
import { systemClock } from '../system.clock.ts';

function oneArgument(context: CommandContext, what: string, usage: string): string {
  if (context.positionals.length !== 1) throw new UsageError(`expected ${what}: echotrace ${usage}`);
  return context.positionals[0]!;
}

/** "machine translation (deepl)", "machine translation (openai, llama3.1), approved", "edited by an analyst". */
export function provenanceOf(t: StoredTranslation): string {
  const by = t.model ? `${t.provider}, ${t.model}` : t.provider;
  const what = t.origin === 'edited' ? `edited by an analyst (from ${by})` : `machine translation (${by})`;
  return t.approvedAt ? `${what}, approved ${t.approvedAt}` : what;
}

function printTranslations(context: CommandContext, translations: readonly StoredTranslation[]): void {
  for (const t of translations)
    context.stdout.write(
      `[${t.start}, ${t.end}) ${t.targetLanguage} · ${provenanceOf(t)} · ${t.id}\n${t.text}\n\n`,
    );
}

export const translateCommand: Command = {
  name: 'translate',
  summary: 'Machine-translate a document, paragraph by paragraph, with the configured service',
  usage: 'translate DOC --to LANG [--from LANG] [--force] [--json]',
  help: `
Needs a translation service: ECHOTRACE_TRANSLATE_PROVIDER=libretranslate|openai|deepl with
ECHOTRACE_TRANSLATE_URL (and ECHOTRACE_TRANSLATE_KEY / ECHOTRACE_TRANSLATE_MODEL where the service
wants them); see docs/translation.md. Each paragraph (long ones cut at sentence ends) is stored as a
machine translation of its exact span (UTF-16 offsets into the document's text), marked with
provider and model. Spans already translated are skipped; --force redoes untouched machine output,
never an analyst's edit or approval.
--json prints {documentId, target, translated, kept, translations: [{id, start, end, sourceLanguage,
targetLanguage, text, origin, provider, model, createdAt, editedAt, approvedAt}]}.`,
  options: [
    { name: 'to', type: 'string', value: 'LANG', description: 'Language to translate into (en, de…)' },
    { name: 'from', type: 'string', value: 'LANG', description: "The document's language, when it has none" },
    {
      name: 'force',
      type: 'boolean',
      description: 'Redo spans whose translation is untouched machine output',
    },
    { name: 'json', type: 'boolean', description: 'Print the result as JSON' },
  ],
  async run(context) {
    const documentId = oneArgument(context, 'one document id', this.usage);
    const target = context.options.to;
    if (typeof target !== 'string') throw new UsageError('--to LANG is required (for example --to en)');
    const settings = context.config.translation;
    if (!settings)
      throw new UsageError(
        'no translation service is configured: set ECHOTRACE_TRANSLATE_PROVIDER and ECHOTRACE_TRANSLATE_URL (docs/translation.md)',
      );
    const translator = createTranslator({
      provider: settings.provider,
      url: settings.url,
      apiKey: settings.apiKey,
      model: settings.model,
      http: { timeoutMs: settings.timeoutMs, maxResponseBytes: 8 * 1024 * 1024 },
    });
    const progress = new ProgressReporter(context.stderr);
    const result = await translateDocument(await context.openStore(), translator, systemClock, {
      documentId,
      target,
      ...(typeof context.options.from === 'string' && { source: context.options.from }),
      force: context.options.force === true,
      signal: context.signal,
      onProgress: (done, total) =>
        progress.update({ done, total, unit: 'spans', detail: `into ${target}` }, done === total),
    });
    progress.finish();
    if (context.options.json) {
      writeJson(context.stdout, result);
      return 0;
    }
    context.stderr.write(`translated ${result.translated} spans, kept ${result.kept}\n`);
    printTranslations(context, result.translations);
    return 0;
  },
};

export const translateShowCommand: Command = {
  name: 'translate show',
  summary: "Print a document's stored translations with their provenance",
  usage: 'translate show DOC [--to LANG] [--json]',
  options: [
    { name: 'to', type: 'string', value: 'LANG', description: 'Only translations into this language' },
    { name: 'json', type: 'boolean', description: 'Print {"translations": [...]} as JSON' },
  ],
  async run(context) {
    const documentId = oneArgument(context, 'one document id', this.usage);
    const store = await context.openStore();
    const translations = await store.translations.forDocument(
      documentId,
      typeof context.options.to === 'string' ? context.options.to.toLowerCase() : undefined,
    );
    if (context.options.json) {
      writeJson(context.stdout, { translations });
      return 0;
    }
    if (translations.length === 0) context.stdout.write('no translations\n');
    printTranslations(context, translations);
    return 0;
  },
};

export const translateEditCommand: Command = {
  name: 'translate edit',
  audit: { action: 'translation.edit' },
  summary: "Replace a translation's text with an analyst's wording",
  usage: 'translate edit ID --text TEXT [--json]',
  options: [
    { name: 'text', type: 'string', value: 'TEXT', description: 'The new wording' },
    { name: 'json', type: 'boolean', description: 'Print the translation as JSON' },
  ],
  async run(context) {
    const id = oneArgument(context, 'one translation id', this.usage);
    if (typeof context.options.text !== 'string') throw new UsageError('--text TEXT is required');
    const t = await editTranslation(await context.openStore(), systemClock, id, context.options.text);
    if (context.options.json) writeJson(context.stdout, t);
    else context.stdout.write(`${t.id}: ${provenanceOf(t)}\n`);
    return 0;
  },
};

export const translateApproveCommand: Command = {
  name: 'translate approve',
  audit: { action: 'translation.approve' },
  summary: 'Approve a translation as it stands',
  usage: 'translate approve ID [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'Print the translation as JSON' }],
  async run(context) {
    const id = oneArgument(context, 'one translation id', this.usage);
    const t = await approveTranslation(await context.openStore(), systemClock, id);
    if (context.options.json) writeJson(context.stdout, t);
    else context.stdout.write(`${t.id}: ${provenanceOf(t)}\n`);
    return 0;
  },
};
