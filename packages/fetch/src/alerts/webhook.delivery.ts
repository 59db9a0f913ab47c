// Webhook delivery of alert events: a JSON POST signed with HMAC-SHA256 under the saved search's
// secret (read from the environment variable it names, never stored). The signature covers
// `${timestamp}.${body}` so a captured request cannot be replayed later with a fresh timestamp; the
// event id travels as Idempotency-Key, since a crash after sending and before marking the delivery
// sends it again (docs/alerts.md). The URL passes the fetcher's address guard, on the literal host
// and on every address DNS gives, so an alert cannot be aimed at the machine or its network.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { InputError, type AlertDelivery, type AlertEvent, type SavedSearch } from '@echotrace/core';
import { classifyAddress, isAddressAllowed } from '../address.guard.ts';
import { guardedLookup, refusal, systemResolver, type Resolver } from '../guarded.lookup.ts';

export interface WebhookDeliveryOptions {
  /** Loopback and private addresses allowed (ECHOTRACE_ALLOW_PRIVATE_NETWORK=1; tests). */
  allowPrivateNetwork: boolean;
  userAgent: string;
  /** Where secrets are read: the process environment. */
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  resolver?: Resolver;
  now?: () => Date;
}

export interface WebhookDelivery extends AlertDelivery {
  /** Throws InputError naming --webhook when the URL's literal host is one the guard refuses. */
  check(url: string): void;
}

/** The JSON body a webhook receives. */
export function webhookBody(search: SavedSearch, event: AlertEvent): string {
  return JSON.stringify({
    id: event.id,
    alert: search.name,
    query: search.query,
    trigger: event.trigger,
    firedAt: event.firedAt,
    title: event.title,
    summary: event.summary,
    details: event.details,
  });
}

/** `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}`: what X-Echotrace-Signature carries. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const RESPONSE_LIMIT = 64 * 1024;

export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const resolver = options.resolver ?? systemResolver;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const literalRefusal = (url: URL): string | null => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (/^localhost\.?$|\.localhost\.?$/i.test(host) && !options.allowPrivateNetwork)
      return 'refused: localhost is a loopback address (set ECHOTRACE_ALLOW_PRIVATE_NETWORK=1 to allow it)';
    if (isIP(host) && !isAddressAllowed(host, options.allowPrivateNetwork))
      return classifyAddress(host) === 'metadata'
        ? 'refused: a cloud metadata address'
        : 'refused: a private, loopback or link-local address (set ECHOTRACE_ALLOW_PRIVATE_NETWORK=1 to allow it)';
    return null;
  };
  return {
    channel: 'webhook',
    check(text) {
      const problem = literalRefusal(new URL(text));
      if (problem) throw new InputError('--webhook', problem);
    },
    async send({ search, event, target }) {
      const url = new URL(target);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && !isAddressAllowed(host, options.allowPrivateNetwork)) throw refusal(url.href, host);
      if (literalRefusal(url)) throw new Error(literalRefusal(url)!);
      const secretName = search.webhookSecretEnv;
      const secret = secretName ? options.env[secretName] : undefined;
      if (!secretName || !secret)
        throw new Error(`webhook secret: environment variable ${secretName ?? '(none)'} is not set`);
      const body = webhookBody(search, event);
      const timestamp = String(Math.floor((options.now?.() ?? new Date()).getTime() / 1000));
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': options.userAgent,
        'idempotency-key': event.id,
        'x-echotrace-event': event.id,
        'x-echotrace-timestamp': timestamp,
        'x-echotrace-signature': webhookSignature(secret, timestamp, body),
      };
      const client = url.protocol === 'https:' ? https : http;
      await new Promise<void>((resolve, reject) => {
        const request = client.request(
          url,
          {
            method: 'POST',
            headers,
            lookup: guardedLookup(url.href, options.allowPrivateNetwork, resolver),
            timeout: timeoutMs,
          },
          (response) => {
            let read = 0;
            response.on('data', (chunk: Buffer) => {
              read += chunk.length;
              if (read > RESPONSE_LIMIT) response.destroy();
            });
            response.on('error', reject);
            response.on('close', () => {
              const status = response.statusCode ?? 0;
              // Redirects are not followed: the guard vetted this URL, not wherever it points next.
              if (status >= 200 && status < 300) resolve();
              else reject(new Error(`webhook ${url.host}: HTTP ${status}`));
            });
          },
        );
        request.on('timeout', () =>
          request.destroy(new Error(`webhook ${url.host}: no answer in ${timeoutMs} ms`)),
        );
        request.on('error', reject);
        request.end(body);
      });
    },
  };
}
