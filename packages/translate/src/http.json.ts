// One JSON POST to a translation service, with a time limit, a size limit on the answer, and the
// service's failures sorted by cause: unreachable, timed out, rate-limited or 5xx → OperationalError
// (try again later); any other refusal (bad key, unsupported language) or an answer that is not the
// protocol's JSON → InputError naming the endpoint. The endpoint is the operator's own setting
// (a local Ollama on loopback is normal), so no private-address guard applies here.
import { InputError, OperationalError } from '@echotrace/core';
import type { z } from 'zod';

export interface HttpSettings {
  /** Limit for one exchange. */
  readonly timeoutMs: number;
  /** Largest answer body accepted. */
  readonly maxResponseBytes: number;
}

export const DEFAULT_HTTP: HttpSettings = { timeoutMs: 60_000, maxResponseBytes: 8 * 1024 * 1024 };

async function readLimited(response: Response, limit: number, endpoint: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new InputError(endpoint, `answer larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A short account of an error answer: the service's own message when it gives one. */
function errorDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const error = parsed.error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string')
      return (error as { message: string }).message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the text itself, shortened below.
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export async function postJson<T>(
  endpoint: string,
  body: unknown,
  answer: z.ZodType<T>,
  options: { headers?: Record<string, string>; http: HttpSettings; signal?: AbortSignal | undefined },
): Promise<T> {
  const timeout = AbortSignal.timeout(options.http.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const why = timeout.aborted
      ? `no answer within ${options.http.timeoutMs} ms`
      : ((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message);
    throw new OperationalError(`${endpoint}: ${why}`, { cause: error });
  }
  const text = await readLimited(response, options.http.maxResponseBytes, endpoint);
  if (response.status === 429 || response.status >= 500)
    throw new OperationalError(`${endpoint}: HTTP ${response.status}: ${errorDetail(text)}`);
  if (!response.ok) throw new InputError(endpoint, `HTTP ${response.status}: ${errorDetail(text)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(endpoint, `the answer is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const checked = answer.safeParse(parsed);
  if (!checked.success)
    throw new InputError(
      endpoint,
      `unexpected answer: ${checked.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
  return checked.data;
}

/** `base` + `path`, keeping a path prefix the base carries (`http://host/v1` + `/chat/completions`). */
export function endpointUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
