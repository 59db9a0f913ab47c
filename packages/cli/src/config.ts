// Typed configuration in one place: every setting has an environment name, a default and a doc line.
import path from 'node:path';
import { DEFAULT_ENRICH_MAX_CHARS, InputError } from '@echotrace/core';
import { DEFAULT_HTML_LIMITS, type HtmlLimits } from '@echotrace/extract';

export interface Config {
  /** ECHOTRACE_DB — SQLite database file. Default `./data/echotrace.db`. */
  dbPath: string;
  /** DATABASE_URL — when set to postgres://…, the PostgreSQL adapter is used instead of SQLite. */
  databaseUrl: string | null;
  /** ECHOTRACE_ALLOW_PRIVATE_NETWORK — `1` lets the fetcher reach loopback/private addresses (tests only). */
  allowPrivateNetwork: boolean;
  /** ECHOTRACE_USER_AGENT — the User-Agent the fetcher sends. */
  userAgent: string;
  /** ECHOTRACE_FETCH_DELAY_MS — minimum spacing of requests to one host. Default 1000. */
  fetchDelayMs: number;
  /** ECHOTRACE_FETCH_TIMEOUT_MS — limit for one HTTP exchange. Default 30000. */
  fetchTimeoutMs: number;
  /** ECHOTRACE_MAX_FILE_BYTES — largest single file ingest reads whole (NDJSON is streamed). Default 256 MiB. */
  maxFileBytes: number;
  /** ECHOTRACE_FETCH_MAX_BYTES — largest HTTP response body the fetcher accepts. Default 25 MiB. */
  fetchMaxBytes: number;
  /** ECHOTRACE_ENRICH_THREADS — threads computing enrichments (1 = in the command's thread; 2 with a sanctions list =
   * recognition here; quotes, screening and labels in a thread). Default 1: the second thread's memory (decision 0005). */
  enrichThreads: number;
  /** ECHOTRACE_TELEGRAM_URL — where `watch` reads public channel previews (`<url>/s/<channel>`). Default https://t.me. */
  telegramUrl: string;
  /** ECHOTRACE_TRANSLATE_* — the translation service, or null when none is configured (see docs/translation.md). */
  translation: TranslationSettings | null;
  /** ECHOTRACE_CHROMIUM — the Chromium binary that prints PDFs. Default /usr/bin/chromium (Debian's). */
  chromiumPath: string;
  /**
   * ECHOTRACE_HTML_MAX_DEPTH (default 512) and ECHOTRACE_HTML_MAX_ELEMENTS (default 200000) — bounds
   * a page must keep to be extracted; past one its bytes are archived and the item fails.
   */
  htmlLimits: HtmlLimits;
  /**
   * ECHOTRACE_ENRICH_MAX_CHARS — enrichers (entities, quotes, screening) read at most this many
   * characters of a document's text, its beginning; the rest is stored and searchable but not
   * annotated. Default 1000000.
   */
  enrichMaxChars: number;
  /** ECHOTRACE_SMTP_* — the mail server alert emails go through, or null when none is configured (docs/alerts.md). */
  smtp: SmtpConfig | null;
}

export interface SmtpConfig {
  /** ECHOTRACE_SMTP_HOST — the server's host name; setting it turns email delivery on. */
  host: string;
  /** ECHOTRACE_SMTP_PORT — default 587 (465 when ECHOTRACE_SMTP_SECURE=1). */
  port: number;
  /** ECHOTRACE_SMTP_SECURE — `1`: TLS from the first byte (port 465); default `0` (STARTTLS when offered). */
  secure: boolean;
  /** ECHOTRACE_SMTP_REQUIRE_TLS — `1`: refuse to send unless STARTTLS succeeds. Default `0`. */
  requireTls: boolean;
  /** ECHOTRACE_SMTP_USER and ECHOTRACE_SMTP_PASSWORD — login, when the server needs one. */
  user: string | null;
  password: string | null;
  /** ECHOTRACE_SMTP_FROM — the sender address (required with a host). */
  from: string;
}

export interface TranslationSettings {
  /** ECHOTRACE_TRANSLATE_PROVIDER — `libretranslate`, `openai` (any OpenAI-compatible endpoint) or `deepl`. */
  provider: 'libretranslate' | 'openai' | 'deepl';
  /** ECHOTRACE_TRANSLATE_URL — the service's base URL (`http://127.0.0.1:5000`, `http://127.0.0.1:11434/v1`, `https://api-free.deepl.com`). */
  url: string;
  /** ECHOTRACE_TRANSLATE_KEY — the API key, when the service needs one. */
  apiKey: string | undefined;
  /** ECHOTRACE_TRANSLATE_MODEL — the model an OpenAI-compatible endpoint should use. */
  model: string | undefined;
  /** ECHOTRACE_TRANSLATE_TIMEOUT_MS — limit for one request. Default 60000. */
  timeoutMs: number;
}

const TRANSLATION_PROVIDERS = ['libretranslate', 'openai', 'deepl'] as const;

function translationSettings(env: NodeJS.ProcessEnv): TranslationSettings | null {
  const provider = env.ECHOTRACE_TRANSLATE_PROVIDER?.trim();
  if (!provider) return null;
  if (!(TRANSLATION_PROVIDERS as readonly string[]).includes(provider))
    throw new InputError(
      'ECHOTRACE_TRANSLATE_PROVIDER',
      `must be libretranslate, openai or deepl, not ${JSON.stringify(provider)}`,
    );
  const fallbackUrl = provider === 'deepl' ? 'https://api-free.deepl.com' : '';
  const url = env.ECHOTRACE_TRANSLATE_URL?.trim() || fallbackUrl;
  if (!url) throw new InputError('ECHOTRACE_TRANSLATE_URL', `must be set for ${provider}`);
  return {
    provider: provider as TranslationSettings['provider'],
    url: urlSetting(env, 'ECHOTRACE_TRANSLATE_URL', url),
    apiKey: env.ECHOTRACE_TRANSLATE_KEY?.trim() || undefined,
    model: env.ECHOTRACE_TRANSLATE_MODEL?.trim() || undefined,
    timeoutMs: integerSetting(env, 'ECHOTRACE_TRANSLATE_TIMEOUT_MS', 60_000, 1),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv, overrides: { db?: string | undefined } = {}): Config {
  return {
    dbPath: path.resolve(overrides.db ?? env.ECHOTRACE_DB ?? 'data/echotrace.db'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    allowPrivateNetwork: env.ECHOTRACE_ALLOW_PRIVATE_NETWORK === '1',
    userAgent:
      env.ECHOTRACE_USER_AGENT ?? 'Echotrace/0.1 (+https://github.com/echotrace/echotrace; research crawler)',
    fetchDelayMs: integerSetting(env, 'ECHOTRACE_FETCH_DELAY_MS', 1000, 0),
    fetchTimeoutMs: integerSetting(env, 'ECHOTRACE_FETCH_TIMEOUT_MS', 30_000, 1),
    maxFileBytes: integerSetting(env, 'ECHOTRACE_MAX_FILE_BYTES', 256 * 1024 * 1024, 1),
    fetchMaxBytes: integerSetting(env, 'ECHOTRACE_FETCH_MAX_BYTES', 25 * 1024 * 1024, 1),
    enrichThreads: integerSetting(env, 'ECHOTRACE_ENRICH_THREADS', 1, 1),
    telegramUrl: urlSetting(env, 'ECHOTRACE_TELEGRAM_URL', 'https://t.me'),
    translation: translationSettings(env),
    chromiumPath: env.ECHOTRACE_CHROMIUM?.trim() || '/usr/bin/chromium',
    htmlLimits: {
      maxDepth: integerSetting(env, 'ECHOTRACE_HTML_MAX_DEPTH', DEFAULT_HTML_LIMITS.maxDepth, 1),
      maxElements: integerSetting(env, 'ECHOTRACE_HTML_MAX_ELEMENTS', DEFAULT_HTML_LIMITS.maxElements, 1),
    },
    enrichMaxChars: integerSetting(env, 'ECHOTRACE_ENRICH_MAX_CHARS', DEFAULT_ENRICH_MAX_CHARS, 1),
    smtp: smtpSettings(env),
  };
}

function flagSetting(env: NodeJS.ProcessEnv, name: string): boolean {
  const text = env[name]?.trim() ?? '';
  if (text === '' || text === '0') return false;
  if (text === '1') return true;
  throw new InputError(name, `must be 0 or 1, not ${JSON.stringify(env[name])}`);
}

function smtpSettings(env: NodeJS.ProcessEnv): SmtpConfig | null {
  const host = env.ECHOTRACE_SMTP_HOST?.trim();
  const others = [
    'ECHOTRACE_SMTP_PORT',
    'ECHOTRACE_SMTP_FROM',
    'ECHOTRACE_SMTP_USER',
    'ECHOTRACE_SMTP_PASSWORD',
  ];
  if (!host) {
    const stray = others.find((name) => env[name]?.trim());
    if (stray) throw new InputError('ECHOTRACE_SMTP_HOST', `must be set when ${stray} is`);
    return null;
  }
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host))
    throw new InputError(
      'ECHOTRACE_SMTP_HOST',
      `must be a host name or address, not ${JSON.stringify(host)}`,
    );
  const secure = flagSetting(env, 'ECHOTRACE_SMTP_SECURE');
  const port = integerSetting(env, 'ECHOTRACE_SMTP_PORT', secure ? 465 : 587, 1);
  if (port > 65535) throw new InputError('ECHOTRACE_SMTP_PORT', `must be at most 65535, not ${port}`);
  const from = env.ECHOTRACE_SMTP_FROM?.trim() ?? '';
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(from))
    throw new InputError(
      'ECHOTRACE_SMTP_FROM',
      from
        ? `must be one email address, not ${JSON.stringify(from)}`
        : 'must be set with ECHOTRACE_SMTP_HOST',
    );
  const user = env.ECHOTRACE_SMTP_USER?.trim() || null;
  const password = env.ECHOTRACE_SMTP_PASSWORD ?? null;
  if (password && !user)
    throw new InputError('ECHOTRACE_SMTP_USER', 'must be set when ECHOTRACE_SMTP_PASSWORD is');
  return {
    host,
    port,
    secure,
    requireTls: flagSetting(env, 'ECHOTRACE_SMTP_REQUIRE_TLS'),
    user,
    password,
    from,
  };
}

/** An http(s) URL setting; unset or empty means the default. */
function urlSetting(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return text.replace(/\/+$/, '');
  throw new InputError(name, `must be an http(s) URL such as https://t.me, not ${JSON.stringify(env[name])}`);
}

/** A whole-number setting of at least `min`; unset or empty means the default. */
function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= min) return n;
  throw new InputError(name, `must be a whole number of at least ${min}, not ${JSON.stringify(env[name])}`);
}
