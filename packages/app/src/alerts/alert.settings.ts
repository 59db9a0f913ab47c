// What an analyst types when saving a search, checked before anything is stored: each problem is an
// InputError naming the option (`--every`, `--webhook`, `--email`, `--trigger`, `--secret-env`).
import { ALERT_TRIGGERS, InputError, type AlertTrigger } from '@echotrace/core';

const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;
/** The longest schedule: a search looked at less than monthly is not an alert. */
export const MAX_EVERY_MINUTES = 31 * 1440;

/** `15m`, `2h`, `1d` → minutes (at least 1, at most 31 days). */
export function parseEvery(text: string): number {
  const match = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (!match)
    throw new InputError(
      '--every',
      `takes a number and a unit m, h or d (15m, 2h, 1d), not ${JSON.stringify(text)}`,
    );
  const minutes = Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES];
  if (minutes < 1 || minutes > MAX_EVERY_MINUTES)
    throw new InputError('--every', `must be between 1m and 31d, not ${JSON.stringify(text)}`);
  return minutes;
}

export function formatEvery(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

export function parseTriggers(values: readonly string[]): AlertTrigger[] {
  const out = new Set<AlertTrigger>();
  for (const value of values.flatMap((v) => v.split(',')).map((v) => v.trim())) {
    if (!(ALERT_TRIGGERS as readonly string[]).includes(value))
      throw new InputError('--trigger', `takes ${ALERT_TRIGGERS.join(', ')}, not ${JSON.stringify(value)}`);
    out.add(value as AlertTrigger);
  }
  return out.size ? ALERT_TRIGGERS.filter((t) => out.has(t)) : ['new'];
}

/**
 * An http(s) URL without credentials (they would be stored in the clear). Where it may connect is
 * the webhook delivery's check (the fetcher's address guard), at saving and again after DNS.
 */
export function checkWebhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('--webhook', `is not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError('--webhook', `must be an http or https URL, not ${url.protocol}`);
  if (url.username || url.password)
    throw new InputError(
      '--webhook',
      'must not hold a user name or password: sign with --secret-env instead',
    );
  return url.href;
}

// One plain address: no display name, no list, nothing a mail header could be split on.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function checkEmail(text: string): string {
  const address = text.trim();
  if (!EMAIL.test(address) || address.length > 254 || address.includes('..'))
    throw new InputError('--email', `is not one email address (name@example.org): ${JSON.stringify(text)}`);
  return address;
}

export function checkSecretEnv(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name))
    throw new InputError(
      '--secret-env',
      `must name an environment variable (WEBHOOK_SECRET), not ${JSON.stringify(name)}`,
    );
  return name;
}

export function checkAlertName(name: string): string {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,79}$/u.test(name))
    throw new InputError(
      'NAME',
      `must be 1–80 letters, digits, '.', '_' or '-' starting with a letter or digit, not ${JSON.stringify(name)}`,
    );
  return name;
}
