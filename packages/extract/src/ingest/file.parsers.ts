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
import { extractArticle } from '../html/article.extractor.ts';
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

/** `.txt` and `.md`: one document; a leading Markdown heading or a short first line is the title. */
export function parseTextFile(origin: string, key: string, bytes: Uint8Array, source: Source): IngestInput[] {
  const { text, charset } = decodeBytes(bytes, { origin });
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

export function parseHtmlFile(origin: string, key: string, bytes: Uint8Array, source: Source): IngestInput[] {
  const { text: html, charset } = decodeBytes(bytes, { origin });
  // The extractor already parsed dates it recognized (keeping their offsets) and dropped the rest.
  const article = extractArticle(html);
  const publishedAt = article.publishedAt;
  return [
    {
      key: article.canonicalUrl ?? key,
      origin,
      source,
      capture: { bytes, mediaType: 'text/html', charset, origin },
      title: article.title,
      text: article.text,
      byline: article.byline,
      publishedAt,
      language: article.language,
      canonicalUrl: article.canonicalUrl,
    },
  ];
}

interface FlatTelegramMessage {
  message_id: number | string;
  sender_id?: number | string;
  text?: string;
  date: string;
  channel: string;
  category?: string;
  /** The channel's public name, when the exporter kept it (`rian_ru`, `@rian_ru`, `t.me/rian_ru`). */
  username?: string;
}

interface DesktopTelegramExport {
  name: string;
  type?: string;
  id: number | string;
  username?: string;
  messages: Array<{
    id: number;
    type: string;
    date: string;
    date_unixtime?: string;
    from?: string;
    text?: string | Array<string | { type: string; text: string; href?: string }>;
    forwarded_from?: string;
  }>;
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
  if (Array.isArray(data) && data.length > 0 && isFlatMessage(data[0]))
    return parseFlatTelegram(origin, data, capture);
  if (Array.isArray(data) && data.length === 0) return [failure(origin, 'empty JSON array: no messages')];
  if (isDesktopExport(data)) return parseDesktopTelegram(origin, data, capture);
  return [
    failure(
      origin,
      'unrecognized JSON shape: expected a Telegram message list [{message_id, text, date, channel}] or a Telegram Desktop export {name, id, messages: [...]}',
    ),
  ];
}

function isFlatMessage(value: unknown): value is FlatTelegramMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    'message_id' in value &&
    'channel' in value &&
    'date' in value
  );
}

function isDesktopExport(value: unknown): value is DesktopTelegramExport {
  return (
    typeof value === 'object' &&
    value !== null &&
    'messages' in value &&
    Array.isArray((value as DesktopTelegramExport).messages) &&
    'name' in value
  );
}

function parseFlatTelegram(
  origin: string,
  messages: unknown[],
  capture: IngestItem['capture'],
): IngestInput[] {
  return messages.map((raw, index): IngestInput => {
    const where = `${origin}[${index}]`;
    if (!isFlatMessage(raw))
      return failure(where, 'not a Telegram message: needs message_id, date and channel');
    try {
      const channelKey = raw.sender_id !== undefined ? String(raw.sender_id) : keySlug(raw.channel);
      const username = telegramChannelName(raw.username);
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
  const username = telegramChannelName(data.username);
  const source = sourceFor(data.name, 'telegram', username ? { homepage: `https://t.me/${username}` } : {});
  return data.messages
    .filter((message) => message.type === 'message')
    .map((message): IngestInput => {
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
        return item;
      } catch (error) {
        return failure(where, InputError.problemOf(error, where));
      }
    });
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
function desktopText(text: DesktopTelegramExport['messages'][number]['text']): CleanText {
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

interface NdjsonRecord {
  url?: string;
  title?: string;
  text?: string;
  published?: string | number;
  source?: string;
  language?: string;
}

/** One NDJSON line `{url, title, text, published, source, language}`; `lineNumber` is 1-based. */
export function parseNdjsonLine(
  origin: string,
  lineNumber: number,
  line: string,
  fallbackSource: Source,
): IngestInput | null {
  if (line.trim() === '') return null;
  const where = `${origin}:${lineNumber}`;
  let record: NdjsonRecord;
  try {
    record = JSON.parse(line) as NdjsonRecord;
  } catch (error) {
    return failure(where, `invalid JSON: ${describeError(error)}`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return failure(where, 'expected a JSON object');
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
