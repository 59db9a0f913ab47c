// `alerts add|list|remove|run|events|feed`: saved searches on a schedule and what they fired. The
// use cases are app's (src/alerts); this file parses options, chooses the delivery adapters
// (alerts.factory.ts) and prints.
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DELIVERY_STATUSES, InputError, UsageError, type DeliveryStatus } from '@echotrace/core';
import {
  addAlert,
  alertDeliveries,
  alertFeed,
  formatEvery,
  listAlerts,
  removeAlert,
  runAlertsOnce,
} from '@echotrace/app';
import { writeJson, type Command, type CommandContext } from '../command.ts';
import { asUsage, choice } from '../analysis.selection.ts';
import { createAlertChannels } from '../alerts.factory.ts';
import { systemClock } from '../system.clock.ts';
import { printable } from '../terminal.text.ts';

const text = (context: CommandContext, name: string): string | undefined =>
  typeof context.options[name] === 'string' ? context.options[name] : undefined;

function onePositional(context: CommandContext, usage: string): string {
  if (context.positionals.length !== 1) throw new UsageError(`usage: echotrace ${usage}`);
  return context.positionals[0]!;
}

/** Bad option values are usage errors (exit 2) naming the option. */
function asOptionUsage(error: unknown): never {
  if (error instanceof InputError && !error.input.startsWith('query'))
    throw new UsageError(error.message, { input: error.input, problem: error.problem });
  asUsage(error);
}

export const alertsAddCommand: Command = {
  name: 'alerts add',
  summary: 'Save a search with a schedule and what it fires on, delivered by webhook, email and Atom',
  usage:
    'alerts add NAME --query Q [--every 15m] [--trigger new|spike|first-seen|silent]… [--webhook URL --secret-env VAR] [--email ADDR]',
  help: `
Every --every (m, h or d; default 15m) "alerts run" evaluates the search: new documents matching
--query since the last evaluation (new), a day whose count is a change point of the search's own
daily series (spike: Poisson z ≥ 3 against the median share of the eight days before), an entity or
narrative mentioned in a source for the first time (first-seen), a source in the query's scope with
nothing for more than three times its usual gap between publishing days (silent). The first
evaluation only records where things stand; events start with the second. --trigger may repeat or
take a comma list; default new. Webhooks are POSTed JSON signed with HMAC-SHA256 under the secret in
the environment variable --secret-env names (the secret is never stored); email goes through
ECHOTRACE_SMTP_HOST; every search has an Atom feed ("alerts feed NAME"). See docs/alerts.md.

Example:
  echotrace alerts add slogan --query '"санкции против самих себя"' --every 1h --trigger new,spike`,
  options: [
    { name: 'query', type: 'string', value: 'Q', description: 'The search query (docs/query-syntax.md)' },
    { name: 'every', type: 'string', value: 'INTERVAL', description: 'How often: 15m (default), 2h, 1d' },
    {
      name: 'trigger',
      type: 'string',
      value: 'T',
      multiple: true,
      description: 'new, spike, first-seen, silent',
    },
    { name: 'webhook', type: 'string', value: 'URL', description: 'POST each event here, signed' },
    {
      name: 'secret-env',
      type: 'string',
      value: 'VAR',
      description: 'Environment variable holding the signing secret',
    },
    { name: 'email', type: 'string', value: 'ADDR', description: 'Mail each event to this address' },
    { name: 'json', type: 'boolean', description: 'Print the saved search as JSON' },
  ],
  async run(context) {
    const name = onePositional(context, this.usage);
    const query = text(context, 'query');
    if (!query) throw new UsageError('--query is required', { input: '--query', problem: 'is required' });
    const channels = createAlertChannels(context.config);
    const store = await context.openStore();
    const search = await addAlert(
      store,
      systemClock,
      {
        name,
        query,
        every: text(context, 'every'),
        triggers: (context.options.trigger as string[] | undefined) ?? [],
        webhook: text(context, 'webhook'),
        secretEnv: text(context, 'secret-env'),
        email: text(context, 'email'),
      },
      (url) => channels.webhook.check(url),
    ).catch(asOptionUsage);
    if (context.options.json) writeJson(context.stdout, search);
    else
      context.stdout.write(
        `${search.name}: every ${formatEvery(search.everyMinutes)}, ${search.triggers.join(', ')}\n`,
      );
    return 0;
  },
};

export const alertsListCommand: Command = {
  name: 'alerts list',
  summary: 'Saved searches with their schedule and when they were last evaluated',
  usage: 'alerts list [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'Print the saved searches as JSON' }],
  async run(context) {
    const alerts = await listAlerts(await context.openStore());
    if (context.options.json) {
      writeJson(context.stdout, alerts);
      return 0;
    }
    if (alerts.length === 0) context.stdout.write('no saved searches\n');
    for (const a of alerts) {
      const to = [a.webhookUrl && `webhook ${a.webhookUrl}`, a.email && `email ${a.email}`].filter(Boolean);
      context.stdout.write(
        `${printable(a.name)}  every ${formatEvery(a.everyMinutes)}  ${a.triggers.join(',')}  ${printable(a.query)}\n` +
          `  ${a.state ? `evaluated ${a.state.evaluatedAt}, next ${a.state.nextDueAt}` : 'not evaluated yet'}` +
          `${to.length ? `; ${printable(to.join(', '))}` : ''}\n`,
      );
    }
    return 0;
  },
};

export const alertsRemoveCommand: Command = {
  name: 'alerts remove',
  summary: 'Delete a saved search with its events and pending deliveries',
  usage: 'alerts remove NAME',
  options: [],
  async run(context) {
    const name = onePositional(context, this.usage);
    await removeAlert(await context.openStore(), name);
    context.stdout.write(`removed ${name}\n`);
    return 0;
  },
};

export const alertsRunCommand: Command = {
  name: 'alerts run',
  summary: 'Evaluate the saved searches that are due and deliver their events (--once: one pass)',
  usage: 'alerts run [--once] [--all] [--lease-ms MS] [--json]',
  help: `
Evaluates each due saved search (its state and the events it fires are written in one unit), then
sends the deliveries that are due; a failed delivery is retried with backoff (30 s doubling, at
most 6 h, 12 attempts) and shown by "alerts events --status failed". Without --once it keeps
running, waking every 30 seconds, until Ctrl-C. --all evaluates every saved search now, due or not
(its next evaluation then counts from now).`,
  options: [
    { name: 'once', type: 'boolean', description: 'One pass, then exit' },
    { name: 'all', type: 'boolean', description: 'Evaluate every saved search now, due or not' },
    {
      name: 'lease-ms',
      type: 'integer',
      min: 100,
      max: 3_600_000,
      value: 'MS',
      description: 'How long a delivery being sent is left alone by other runners (default 300000)',
    },
    { name: 'json', type: 'boolean', description: 'Print each pass as JSON' },
  ],
  async run(context) {
    const store = await context.openStore();
    const channels = createAlertChannels(context.config);
    try {
      for (;;) {
        const result = await runAlertsOnce(store, channels.deliveries, systemClock, {
          signal: context.signal,
          all: context.options.all === true,
          leaseMs: context.options['lease-ms'] as number | undefined,
        });
        if (context.options.json) writeJson(context.stdout, result);
        else {
          const { evaluation: e, delivery: d } = result;
          context.stdout.write(
            `evaluated ${e.evaluated}, fired ${e.fired}, delivered ${d.delivered}, failed ${d.failed.length}\n`,
          );
          for (const f of e.failed) context.stderr.write(`  ${printable(f.name)}: ${printable(f.error)}\n`);
          for (const f of d.failed)
            context.stderr.write(`  ${f.eventId} ${f.channel}: ${printable(f.error)}\n`);
        }
        if (context.options.once || context.signal.aborted) break;
        await sleep(30_000, undefined, { signal: context.signal }).catch(() => undefined);
        if (context.signal.aborted) break;
      }
    } finally {
      channels.close();
    }
    return 0;
  },
};

export const alertsEventsCommand: Command = {
  name: 'alerts events',
  summary: 'Deliveries of fired events: pending, failed (with the error and next attempt) or delivered',
  usage: 'alerts events [--status pending|failed|delivered] [--name NAME] [--limit N] [--json]',
  options: [
    { name: 'status', type: 'string', value: 'STATUS', description: 'pending, failed or delivered' },
    { name: 'name', type: 'string', value: 'NAME', description: 'Only this saved search' },
    {
      name: 'limit',
      type: 'integer',
      min: 1,
      max: 10_000,
      value: 'N',
      description: 'At most N (default 100)',
    },
    { name: 'json', type: 'boolean', description: 'Print the deliveries with their events as JSON' },
  ],
  async run(context) {
    const status: DeliveryStatus | undefined = choice(context, 'status', DELIVERY_STATUSES);
    const views = await alertDeliveries(await context.openStore(), {
      status,
      name: text(context, 'name'),
      limit: context.options.limit as number | undefined,
    });
    if (context.options.json) {
      writeJson(context.stdout, views);
      return 0;
    }
    if (views.length === 0) context.stdout.write('no deliveries\n');
    for (const v of views)
      context.stdout.write(
        `${v.event.id}  ${v.status.padEnd(9)} ${v.channel.padEnd(7)} ${printable(v.event.name)}  ${v.event.trigger}  ${printable(v.event.title)}\n` +
          `  to ${printable(v.target)}; ${v.attempts} attempt(s)` +
          `${v.deliveredAt ? `; delivered ${v.deliveredAt}` : ''}${v.nextAttemptAt ? `; next ${v.nextAttemptAt}` : ''}` +
          `${v.lastError ? `; last error: ${printable(v.lastError)}` : ''}\n`,
      );
    return 0;
  },
};

export const alertsFeedCommand: Command = {
  name: 'alerts feed',
  summary: "A saved search's events as an Atom feed",
  usage: 'alerts feed NAME [--out FILE]',
  options: [
    { name: 'out', type: 'string', value: 'FILE', description: 'Write the feed here (default: stdout)' },
  ],
  async run(context) {
    const name = onePositional(context, this.usage);
    const { xml, events } = await alertFeed(await context.openStore(), name);
    const out = text(context, 'out');
    if (out) {
      writeFileSync(out, xml);
      context.stdout.write(`${out}: Atom feed of ${name}, ${events} event${events === 1 ? '' : 's'}\n`);
    } else context.stdout.write(xml.endsWith('\n') ? xml : `${xml}\n`);
    return 0;
  },
};

export const alertsCommands: Command[] = [
  alertsAddCommand,
  alertsListCommand,
  alertsRemoveCommand,
  alertsRunCommand,
  alertsEventsCommand,
  alertsFeedCommand,
];
