// `echotrace analyze`: one document's analysis (normalized text, metadata, resolved entities)
// printed, never stored. The document is prepared exactly as ingest would prepare it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {
  InputError,
  OperationalError,
  prepareDocument,
  sha256Hex,
  UsageError,
  type Entity,
  type IngestItem,
} from '@echotrace/core';
import {
  analyzeEntities,
  buildKnowledgeBase,
  hasNerModel,
  recognizeEntities,
  type KnowledgeBase,
  type ResolvedMention,
} from '@echotrace/entities';
import { parseHtmlFile, parseTextFile, sourceFor } from '@echotrace/extract';
import { writeJson, type Command, type CommandContext } from '../command.ts';
import { loadStoredKnowledgeBase, readKnowledgeBaseFile, seedEntries } from '../knowledge.base.loader.ts';

const FETCH_TIMEOUT_MS = 30_000;

export interface AnalyzedEntity {
  text: string;
  type: string;
  start: number;
  end: number;
  entityId: string;
  name: string;
  confidence: number;
  reason: string;
  recognitionConfidence: number;
  linkConfidence: number;
  candidate: boolean;
  explanation: string;
  title?: string;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: "Print one document's analysis (text, metadata, entities) without storing it",
  usage: 'analyze FILE|URL|- [--lang CODE] [--kb FILE]... [--json]',
  help: `
Reads one HTML or text document from a file, a URL or standard input (-), extracts and normalizes
its text as ingest would, recognizes entity mentions and resolves them against the knowledge base
(the store's, when the database exists, else the bundled seed; --kb adds entries from files).
Nothing is written.

--json prints {source, text, language, title, publishedAt, paragraphs: [{start, end}],
entities: [{text, type, start, end, entityId, name, confidence, reason, ...}], warnings}.
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
    const input = context.positionals[0];
    if (!input || context.positionals.length !== 1)
      throw new UsageError('give one FILE, URL or - for standard input');
    const { bytes, mediaType, origin } = await readInput(input, context);
    const item = toItem(origin, bytes, mediaType);
    const document = prepareDocument(item, sha256Hex(bytes), new Date().toISOString()).document;
    const language = (context.options.lang ? String(context.options.lang) : document.language)
      .split('-')[0]!
      .toLowerCase();
    const warnings: string[] = [];
    const kb = await knowledgeBase(context);
    let resolved: ResolvedMention[] = [];
    if (hasNerModel(language)) {
      resolved = await analyzeEntities(document.text, language, kb, recognizeEntities);
    } else {
      warnings.push(`no entity recognizer for language ${JSON.stringify(language)}: entities not analyzed`);
    }
    const entities = resolved.map(toOutput);
    if (context.options.json) {
      writeJson(context.stdout, {
        source: origin,
        text: document.text,
        language,
        title: document.title,
        publishedAt: document.publishedAt,
        paragraphs: document.paragraphs,
        entities,
        warnings,
      });
      return 0;
    }
    const out = context.stdout;
    out.write(
      `${document.title ?? '(untitled)'}\n${origin} · ${document.publishedAt ?? 'undated'} · ${language}\n`,
    );
    out.write(`${document.paragraphs.length} paragraphs, ${document.text.length} characters\n\n`);
    for (const w of warnings) context.stderr.write(`warning: ${w}\n`);
    for (const e of entities) {
      out.write(
        `${String(e.start).padStart(6)}  ${e.type.padEnd(12)} ${JSON.stringify(e.text)} → ${e.name} (${e.entityId}) ${e.reason} ${e.confidence.toFixed(2)}\n`,
      );
    }
    out.write(
      `\n${entities.length} entity mentions, ${new Set(entities.map((e) => e.entityId)).size} entities\n`,
    );
    return 0;
  },
};

function toOutput(m: ResolvedMention): AnalyzedEntity {
  return {
    text: m.text,
    type: m.type,
    start: m.start,
    end: m.end,
    entityId: m.entityId,
    name: m.name,
    confidence: Math.round(m.confidence * m.linkConfidence * 1000) / 1000,
    reason: m.reason,
    recognitionConfidence: m.confidence,
    linkConfidence: m.linkConfidence,
    candidate: m.candidate,
    explanation: m.explanation,
    ...(m.attributes?.title ? { title: m.attributes.title } : {}),
  };
}

async function knowledgeBase(context: CommandContext): Promise<KnowledgeBase> {
  // Opening the store would create the database: only read it when it already exists.
  const base = existsSync(context.config.dbPath)
    ? await loadStoredKnowledgeBase(await context.openStore())
    : buildKnowledgeBase(await seedEntries());
  const files = (context.options.kb as string[] | undefined) ?? [];
  if (files.length === 0) return base;
  const extra: Entity[] = [];
  for (const file of files) extra.push(...(await readKnowledgeBaseFile(file)));
  const byId = new Map([...base.entities.values()].map((e) => [e.id, e]));
  for (const e of extra) byId.set(e.id, e);
  return buildKnowledgeBase([...byId.values()]);
}

async function readInput(
  input: string,
  context: CommandContext,
): Promise<{ bytes: Uint8Array; mediaType: string | null; origin: string }> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), mediaType: null, origin: 'stdin' };
  }
  if (/^https?:\/\//i.test(input)) {
    let response: Response;
    try {
      response = await fetch(input, {
        headers: { 'user-agent': context.config.userAgent },
        signal: AbortSignal.any([AbortSignal.timeout(FETCH_TIMEOUT_MS), context.signal]),
        redirect: 'follow',
      });
    } catch (error) {
      throw new OperationalError(`${input}: fetch failed: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) throw new InputError(input, `HTTP ${response.status}`);
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      mediaType: response.headers.get('content-type'),
      origin: response.url || input,
    };
  }
  try {
    return { bytes: await readFile(input), mediaType: null, origin: input };
  } catch (error) {
    throw new InputError(input, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function toItem(origin: string, bytes: Uint8Array, mediaType: string | null): IngestItem {
  const source = sourceFor('analyze', 'files');
  const head = new TextDecoder().decode(bytes.subarray(0, 1024));
  const html =
    /html/i.test(mediaType ?? '') ||
    /\.html?$/i.test(path.extname(origin.split(/[?#]/)[0] ?? '')) ||
    /^\s*(?:<!doctype html|<html|<head|<body|<article)/i.test(head.replace(/^\uFEFF/, ''));
  const items = html
    ? parseHtmlFile(origin, origin, bytes, source)
    : parseTextFile(origin, origin, bytes, source);
  const item = items[0];
  if (!item || 'failed' in item) throw new InputError(origin, item ? item.reason : 'nothing to analyze');
  return item;
}
