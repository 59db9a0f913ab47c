// Pure parsers for the file formats `echotrace ingest` reads. The CLI does the file I/O and hands
// bytes (or NDJSON lines) here; each parser returns ingest items or failures naming the input.
import {
  describeError,
  InputError,
  keySlug,
  parsePublished,
  slugify,
  telegramChannelName,
  telegramPostUrl,
  type IngestInput,
  type IngestItem,
  type Source,
} from '@echotrace/core';
import { z } from 'zod';
import { extractArticle } from '../html/article.extractor.ts';
import { HtmlLimitError, type HtmlLimits } from '../html/html.limits.ts';
import { decodeBytes } from '../charset/charset.decoder.ts';
import { stripTelegramMarkup, titleFromText, type CleanText } from './telegram.markup.ts';

export const INGEST_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.json', '.ndjson', '.jsonl'] as const;

export function sourceFor(name: string, kind: Source['kind'], extra: Partial<Source> = {}): Source {
  return {
    id: slugify(name),
    name,
    kind,
    homepage: null,
    language: null,
    country: null,
    labels: [],
    ...extra,
  };
}

const failure = (origin: string, reason: string): IngestInput => ({ failed: true, origin, reason });

function safeTime(value: unknown, origin: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new InputError(origin, `published time ${JSON.stringify(value)} is not a string or number`);
  return parsePublished(value, `${origin}: published time`);
}

// Control characters other than tab, newlines and form feed, C1 controls and U+FFFD: text files hold
// almost none, bytes decoded under a guessed charset hold about one in ten.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/g;
const SAMPLE_CHARS = 64 * 1024;

/** Why decoded bytes are not text (a NUL, or over 1% control or undecodable characters), or null. */
export function binaryContentProblem(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.includes('\u0000')) return 'binary content (NUL bytes), not text';
  const odd = sample.match(NOT_TEXT)?.length ?? 0;
  if (sample.length > 0 && odd / sample.length > 0.01)
    return `binary content (${((100 * odd) / sample.length).toFixed(1)}% control or undecodable characters), not text`;
  return null;
}

/** `.txt` and `.md`: one document; a leading Markdown heading or a short first line is the title. */
export function parseTextFile(origin: string, key: string, bytes: Uint8Array, source: Source): IngestInput[] {
  const { text, charset } = decodeBytes(bytes, { origin });
  const binary = binaryContentProblem(text);
  if (binary) return [failure(origin, binary)];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let title: string | null = null;
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first !== -1) {
    const line = lines[first]!.trim();
    const heading = /^#{1,6}\s+(.+)$/.exec(line);
    if (heading) title = heading[1]!.trim();
    else if (line.length <= 160 && lines[first + 1]?.trim() === '') title = line;
    if (title) lines.splice(first, 1);
  }
  const mediaType = origin.endsWith('.md') ? 'text/markdown' : 'text/plain';
  return [
    {
      key,
      origin,
      source,
      capture: { bytes, mediaType, charset, origin },
      title,
      text: lines.join('\n'),
      publishedAt: null,
    },
  ];
}

/**
 * One HTML page. A page past `limits` (nesting depth, element count) is a failure that carries its
 * bytes, so ingest archives them as a capture with no document.
 */
export function parseHtmlFile(
  origin: string,
  key: string,
  bytes: Uint8Array,
  source: Source,
  limits?: HtmlLimits,
): IngestInput[] {
  const { text: html, charset } = decodeBytes(bytes, { origin });
  const binary = binaryContentProblem(html);
  if (binary) return [failure(origin, binary)];
  const capture = { bytes, mediaType: 'text/html', charset, origin };
  let article;
  try {
    // The extractor already parsed dates it recognized (keeping their offsets) and dropped the rest.
    article = extractArticle(html, undefined, { input: origin, ...(limits ? { limits } : {}) });
  } catch (error) {
    if (!(error instanceof HtmlLimitError)) throw error;
    return [{ failed: true, origin, reason: error.problem, capture }];
  }
  const publishedAt = article.publishedAt;
  return [
    {
      key: article.canonicalUrl ?? key,
      origin,
      source,
      capture,
      title: article.title,
      text: article.text,
      byline: article.byline,
      publishedAt,
      language: article.language,
      canonicalUrl: article.canonicalUrl,
    },
  ];
}

// Exports are validated item by item: one malformed message (a null, a number for a name, an
// object for text) is reported with its index and the rest of the file is still read.
const messageId = z.union([z.number().int(), z.string().min(1)]);
const optionalName = z.string().nullish();

const flatMessageSchema = z.looseObject({
  message_id: messageId,
  sender_id: z.union([z.number(), z.string()]).nullish(),
  text: z.string().nullish(),
  date: z.union([z.string(), z.number()]),
  channel: z.string().regex(/\S/, 'must not be blank'),
  category: z.string().nullish(),
  /** The channel's public name, when the exporter kept it (`rian_ru`, `@rian_ru`, `t.me/rian_ru`). */
  username: optionalName,
});
type FlatTelegramMessage = z.infer<typeof flatMessageSchema>;

const desktopTextPart = z.union([
  z.string(),
  z.looseObject({ type: z.string(), text: z.string(), href: z.string().nullish() }),
]);

const desktopExportSchema = z.looseObject({
  name: z.string().regex(/\S/, 'must not be blank'),
  type: z.string().nullish(),
  id: z.union([z.number(), z.string().min(1)]),
  username: optionalName,
  messages: z.array(z.unknown()),
});
type DesktopTelegramExport = z.infer<typeof desktopExportSchema>;

// Service messages (joins, pins) are skipped before the rest of their shape is checked.
const desktopKindSchema = z.looseObject({ type: z.string() });
const desktopMessageSchema = z.looseObject({
  id: messageId,
  type: z.string(),
  date: z.string(),
  date_unixtime: z.union([z.string(), z.number()]).nullish(),
  from: z.string().nullish(),
  text: z.union([z.string(), z.array(desktopTextPart)]).nullish(),
  forwarded_from: z.string().nullish(),
});
type DesktopMessage = z.infer<typeof desktopMessageSchema>;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The first problems of a failed parse, each with the field path: `name: expected a string, got a number`. */
export function describeIssues(error: z.ZodError, value: unknown): string {
  const problems = error.issues.slice(0, 3).map((issue) => {
    const at = issue.path.map(String).join('.');
    let got: unknown = value;
    for (const key of issue.path)
      got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[key] : undefined;
    const detail =
      issue.code === 'invalid_type' || issue.code === 'invalid_union'
        ? got === undefined
          ? 'missing'
          : `${issue.code === 'invalid_type' ? `expected ${issue.expected}` : 'unexpected value'}, got ${kindOf(got)}`
        : issue.message;
    return at ? `${at}: ${detail}` : detail;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return problems.join('; ') + more;
}

/** Telegram JSON: the flat message list (one file per channel) or Telegram Desktop's `result.json`. */
export function parseJsonFile(origin: string, bytes: Uint8Array): IngestInput[] {
  const { text, charset } = decodeBytes(bytes, { origin });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [failure(origin, `invalid JSON: ${describeError(error)}`)];
  }
  const capture = { bytes, mediaType: 'application/json', charset, origin };
  if (Array.isArray(data) && data.length === 0) return [failure(origin, 'empty JSON array: no messages')];
  if (Array.isArray(data) && data.some(looksFlat)) return parseFlatTelegram(origin, data, capture);
  if (looksDesktop(data)) {
    const parsed = desktopExportSchema.safeParse(data);
    if (!parsed.success)
      return [failure(origin, `not a valid Telegram Desktop export: ${describeIssues(parsed.error, data)}`)];
    return parseDesktopTelegram(origin, parsed.data, capture);
  }
  return [
    failure(
      origin,
      'unrecognized JSON shape: expected a Telegram message list [{message_id, text, date, channel}] or a Telegram Desktop export {name, id, messages: [...]}',
    ),
  ];
}

function looksFlat(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'message_id' in value && 'channel' in value;
}

function looksDesktop(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'messages' in value;
}

function parseFlatTelegram(
  origin: string,
  messages: unknown[],
  capture: IngestItem['capture'],
): IngestInput[] {
  return messages.map((value, index): IngestInput => {
    const where = `${origin}[${index}]`;
    const parsed = flatMessageSchema.safeParse(value);
    if (!parsed.success)
      return failure(
        where,
        `message ${index} is not a Telegram message: ${describeIssues(parsed.error, value)}`,
      );
    const raw: FlatTelegramMessage = parsed.data;
    try {
      const channelKey =
        raw.sender_id !== undefined && raw.sender_id !== null ? String(raw.sender_id) : keySlug(raw.channel);
      const username = telegramChannelName(raw.username ?? undefined);
      return telegramItem(
        {
          key: `telegram:${channelKey}/${raw.message_id}`,
          origin: where,
          source: sourceFor(
            raw.channel,
            'telegram',
            username ? { homepage: `https://t.me/${username}` } : {},
          ),
          capture,
          title: null,
          text: '',
          publishedAt: safeTime(raw.date, where),
          telegramMessageId: raw.message_id,
          canonicalUrl: telegramPostUrl(username, raw.message_id),
        },
        stripTelegramMarkup(raw.text ?? ''),
      );
    } catch (error) {
      return failure(where, InputError.problemOf(error, where));
    }
  });
}

function parseDesktopTelegram(
  origin: string,
  data: DesktopTelegramExport,
  capture: IngestItem['capture'],
): IngestInput[] {
  const username = telegramChannelName(data.username ?? undefined);
  const source = sourceFor(data.name, 'telegram', username ? { homepage: `https://t.me/${username}` } : {});
  const inputs: IngestInput[] = [];
  data.messages.forEach((value, index) => {
    const kind = desktopKindSchema.safeParse(value);
    if (kind.success && kind.data.type !== 'message') return;
    const parsed = desktopMessageSchema.safeParse(value);
    if (!parsed.success) {
      inputs.push(
        failure(
          `${origin}[${index}]`,
          `message ${index} is not a Telegram message: ${describeIssues(parsed.error, value)}`,
        ),
      );
      return;
    }
    const message: DesktopMessage = parsed.data;
    const where = `${origin}#${message.id}`;
    try {
      const published = message.date_unixtime ? Number(message.date_unixtime) : message.date;
      const item = telegramItem(
        {
          key: `telegram:${data.id}/${message.id}`,
          origin: where,
          source,
          capture,
          title: null,
          text: '',
          publishedAt: safeTime(published, where),
          telegramMessageId: message.id,
          canonicalUrl: telegramPostUrl(username, message.id),
        },
        desktopText(message.text),
      );
      if (message.forwarded_from) item.forwardedFrom = message.forwarded_from;
      inputs.push(item);
    } catch (error) {
      inputs.push(failure(where, InputError.problemOf(error, where)));
    }
  });
  // Silence would read as success (fuzzing found an export of no posts reported nothing).
  if (inputs.length === 0)
    return [
      failure(
        origin,
        data.messages.length === 0
          ? '0 messages: the export is empty'
          : `0 posts: ${data.messages.length} service message${data.messages.length === 1 ? '' : 's'} only`,
      ),
    ];
  return inputs;
}

/** A post with its clean text, its links, and a title from its first line when it has none. */
function telegramItem(item: IngestItem, clean: CleanText): IngestItem {
  const result: IngestItem = { ...item, text: clean.text, title: item.title ?? titleFromText(clean.text) };
  if (clean.links.length > 0) result.links = clean.links;
  if (!result.canonicalUrl) delete result.canonicalUrl;
  return result;
}

// Telegram Desktop writes formatting as typed parts ({type: 'bold', text}, {type: 'text_link', text,
// href}); a plain string may still hold markdown when another tool wrote the file.
function desktopText(text: DesktopMessage['text']): CleanText {
  if (!Array.isArray(text)) return stripTelegramMarkup(text ?? '');
  let out = '';
  const links: CleanText['links'] = [];
  for (const part of text) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const start = out.length;
    out += part.text;
    const url = part.type === 'text_link' ? part.href : part.type === 'link' ? part.text : undefined;
    if (url && part.text.trim()) links.push({ start, end: out.length, url });
  }
  return { text: out, links };
}

// Checked field by field: a title of `true` was passed on as it came and failed later, outside
// this line's error handling (fuzzing found it).
const ndjsonRecordSchema = z.looseObject({
  url: z.string().nullish(),
  title: z.string().nullish(),
  text: z.unknown(),
  published: z.union([z.string(), z.number()]).nullish(),
  source: z.string().nullish(),
  language: z.string().nullish(),
});

/** One NDJSON line `{url, title, text, published, source, language}`; `lineNumber` is 1-based. */
export function parseNdjsonLine(
  origin: string,
  lineNumber: number,
  line: string,
  fallbackSource: Source,
): IngestInput | null {
  if (line.trim() === '') return null;
  const where = `${origin}:${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return failure(where, `invalid JSON: ${describeError(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return failure(where, 'expected a JSON object');
  const parsed = ndjsonRecordSchema.safeParse(value);
  if (!parsed.success) return failure(where, describeIssues(parsed.error, value));
  const record = parsed.data;
  if (typeof record.text !== 'string' || record.text.trim() === '')
    return failure(where, 'empty text: nothing to ingest');
  try {
    const bytes = new TextEncoder().encode(line);
    return {
      key: record.url ?? where,
      origin: where,
      source: record.source
        ? sourceFor(record.source, 'website', { language: record.language ?? null })
        : fallbackSource,
      capture: { bytes, mediaType: 'application/x-ndjson', charset: 'utf-8', origin: where },
      title: record.title ?? null,
      text: record.text,
      publishedAt: safeTime(record.published, where),
      language: record.language ?? null,
      canonicalUrl: record.url ?? null,
    };
  } catch (error) {
    return failure(where, InputError.problemOf(error, where));
  }
}
