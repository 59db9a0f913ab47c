// `echotrace analyze`: one document's analysis (normalized text, metadata, resolved entities)
// printed, never stored. The use case is in @echotrace/app; this file reads standard input, chooses
// the store (only when the database exists: opening it would create it) and the fetcher, and prints.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { UsageError } from '@echotrace/core';
import { analyzeDocument, analyzeInputOf, type AnalyzeInput } from '@echotrace/app';
import { createFetcher } from '../acquisition.factory.ts';
import { writeJson, type Command } from '../command.ts';
import { terminalSafe } from '../terminal.text.ts';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: "Print one document's analysis (text, metadata, entities) without storing it",
  usage: 'analyze FILE|URL|- [--lang CODE] [--kb FILE]... [--json]',
  help: `
Reads one HTML or text document from a file, a URL or standard input (-), extracts and normalizes
its text as ingest would, recognizes entity mentions and resolves them against the knowledge base
(the store's, when the database exists, else the bundled seed; --kb adds entries from files).
Nothing is written, except that a URL's fetch is archived when the database exists. URLs are
fetched like watch fetches them: private and loopback addresses refused unless
ECHOTRACE_ALLOW_PRIVATE_NETWORK=1, responses over ECHOTRACE_FETCH_MAX_BYTES refused.

--json prints {source, text, language, title, publishedAt, paragraphs: [{start, end}],
entities: [{text, type, start, end, entityId, name, confidence, reason, ...}], sanctions: [...],
quotes: [{start, end, text, mode, parts, cue, speaker, speakerEntityId, speakerMention, resolution,
role, level, parent, ...}], warnings}.
Offsets index into text. Schema: docs/analyze.md.

Examples:
  echotrace analyze article.html --json
  curl -s https://example.org/a | echotrace analyze - --lang ru`,
  options: [
    { name: 'lang', type: 'string', value: 'CODE', description: 'Language of the text (default: detected)' },
    {
      name: 'kb',
      type: 'string',
      value: 'FILE',
      multiple: true,
      description: 'Knowledge-base file to add (YAML or JSON; repeatable)',
    },
    { name: 'json', type: 'boolean', description: 'Print the analysis as JSON (docs/analyze.md)' },
  ],
  async run(context) {
    const argument = context.positionals[0];
    if (!argument || context.positionals.length !== 1)
      throw new UsageError('give one FILE, URL or - for standard input');
    const input: AnalyzeInput = analyzeInputOf(argument) ?? {
      kind: 'bytes',
      bytes: await readStdin(),
      mediaType: null,
      origin: 'stdin',
    };
    const analysis = await analyzeDocument(
      {
        store: existsSync(context.config.dbPath) ? await context.openStore() : null,
        createFetcher: () => createFetcher(context.config),
      },
      {
        input,
        language: context.options.lang ? String(context.options.lang) : undefined,
        kbFiles: (context.options.kb as string[] | undefined) ?? [],
        signal: context.signal,
      },
    );
    if (context.options.json) {
      writeJson(context.stdout, analysis);
      return 0;
    }
    const { entities, warnings } = analysis;
    // Titles, entity names and warnings come from the page: control characters shown visibly.
    const out = terminalSafe(context.stdout);
    out.write(
      `${analysis.title ?? '(untitled)'}\n${analysis.source} · ${analysis.publishedAt ?? 'undated'} · ${analysis.language}\n`,
    );
    out.write(`${analysis.paragraphs.length} paragraphs, ${analysis.text.length} characters\n\n`);
    for (const w of warnings) terminalSafe(context.stderr).write(`warning: ${w}\n`);
    for (const e of entities) {
      out.write(
        `${String(e.start).padStart(6)}  ${e.type.padEnd(12)} ${JSON.stringify(e.text)} → ${e.name} (${e.entityId}) ${e.reason} ${e.confidence.toFixed(2)}\n`,
      );
    }
    out.write(
      `\n${entities.length} entity mentions, ${new Set(entities.map((e) => e.entityId)).size} entities\n`,
    );
    for (const q of analysis.quotes) {
      const who = q.speakerEntityId
        ? `${q.speaker?.text ?? ''} → ${q.speakerEntityId}`
        : (q.speaker?.text ?? '(speaker unknown)');
      out.write(
        `${String(q.start).padStart(6)}  QUOTE ${q.mode.padEnd(8)} ${who}: ${JSON.stringify(q.text)}\n`,
      );
    }
    if (analysis.quotes.length > 0) out.write(`${analysis.quotes.length} quotes\n`);
    return 0;
  },
};

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
