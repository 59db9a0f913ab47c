// Alerts on a real SQLite store with real deliveries on loopback: a webhook receiver checking the
// HMAC signature and an SMTP server. Each trigger fires once for what is new and never again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addAlert,
  alertDeliveries,
  alertFeed,
  checkEmail,
  deliverDue,
  evaluateAlert,
  evaluateDue,
  parseEvery,
  silences,
  type AlertDeliveries,
} from '@echotrace/app';
import { InputError, type Clock } from '@echotrace/core';
import { parseFeed } from '@echotrace/extract';
import { createEmailDelivery, createWebhookDelivery } from '@echotrace/fetch';
import { days, Story } from './helpers/story.builders.ts';
import {
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from '@echotrace/fetch/test-alert-receivers';

const SECRET = 'a-test-secret-of-our-own';

class TestClock implements Clock {
  at: number;
  constructor(iso: string) {
    this.at = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.at);
  }
  advance(minutes: number): void {
    this.at += minutes * 60_000;
  }
}

describe('alert settings', () => {
  it('reads intervals and refuses bad ones, naming the option', () => {
    assert.equal(parseEvery('15m'), 15);
    assert.equal(parseEvery('2h'), 120);
    assert.equal(parseEvery('1d'), 1440);
    for (const bad of ['0m', '15', 'm', '1w', '-5m', '32d', '1.5h', ''])
      assert.throws(
        () => parseEvery(bad),
        (e: unknown) => e instanceof InputError && e.input === '--every',
        bad,
      );
  });

  it('takes one plain email address and nothing a header could be split on', () => {
    assert.equal(checkEmail('desk@example.org'), 'desk@example.org');
    for (const bad of [
      'desk',
      'a@b',
      'a@b.org, c@d.org',
      'a@b.org\r\nBcc: x@y.org',
      '<a@b.org>',
      'a..b@c.org',
    ])
      assert.throws(
        () => checkEmail(bad),
        (e: unknown) => e instanceof InputError && e.input === '--email',
        bad,
      );
  });

  it('refuses webhook URLs that are not http(s), carry credentials, or point at this machine', async () => {
    const story = await Story.open();
    const clock = new TestClock('2024-03-01T00:00:00Z');
    const guard = createWebhookDelivery({ allowPrivateNetwork: false, userAgent: 'test', env: {} });
    const add = (webhook: string) =>
      addAlert(story.store, clock, { name: 'x', query: 'санкции', webhook, secretEnv: 'S' }, (u) =>
        guard.check(u),
      );
    for (const bad of [
      'ftp://example.org/',
      'not a url',
      'https://user:pw@example.org/',
      'http://127.0.0.1:9/',
      'http://[::1]/',
      'http://localhost/',
      'http://169.254.169.254/',
    ])
      await assert.rejects(add(bad), (e: unknown) => e instanceof InputError && e.input === '--webhook', bad);
    await assert.rejects(
      addAlert(story.store, clock, { name: 'x', query: 'санкции', webhook: 'https://example.org/' }),
      (e: unknown) => e instanceof InputError && e.input === '--secret-env',
    );
    await assert.rejects(
      addAlert(story.store, clock, { name: 'x', query: 'санкции', triggers: ['loud'] }),
      (e: unknown) => e instanceof InputError && e.input === '--trigger',
    );
    assert.deepEqual(await story.store.alerts.list(), []);
    await story.store.close();
  });
});

describe('silence rule', () => {
  it('needs a rhythm, then more than three usual gaps without a document', () => {
    const daily = new Map([['a', days('2024-01-01', 10)]]);
    assert.deepEqual(silences(daily, '2024-01-13'), []); // 3 days: not more than 3 × 1
    assert.equal(silences(daily, '2024-01-14')[0]?.daysSilent, 4);
    const weekly = new Map([['w', days('2024-01-01', 6, 7)]]);
    assert.deepEqual(silences(weekly, '2024-02-25'), []); // 20 days after a weekly one
    assert.equal(silences(weekly, '2024-02-27')[0]?.usualGapDays, 7);
    assert.deepEqual(silences(new Map([['new', days('2024-01-01', 3)]]), '2024-06-01'), []);
  });
});

describe('alerts', () => {
  let webhook: WebhookReceiver;
  let smtp: SmtpReceiver;
  let channels: AlertDeliveries;
  let closeMail: () => void;
  before(async () => {
    webhook = await startWebhookReceiver(SECRET);
    smtp = await startSmtpReceiver();
    const email = createEmailDelivery({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      requireTls: false,
      user: null,
      password: null,
      from: 'alerts@echotrace.test',
    });
    closeMail = () => email.close();
    channels = {
      webhook: createWebhookDelivery({
        allowPrivateNetwork: true,
        userAgent: 'test',
        env: { HOOK_SECRET: SECRET },
      }),
      email,
    };
  });
  after(async () => {
    closeMail();
    await webhook.close();
    await smtp.close();
  });

  it('fires once on new matches, delivers by signed webhook and email, and retries a failure', async () => {
    const story = await Story.open();
    await story.source('fringe-daily', ['fringe']);
    const clock = new TestClock('2024-03-01T09:00:00Z');
    await story.document({ source: 'fringe-daily', at: '2024-02-28', text: 'Санкции против самих себя.' });
    await addAlert(story.store, clock, {
      name: 'slogan',
      query: 'санкции',
      every: '15m',
      webhook: webhook.url,
      secretEnv: 'HOOK_SECRET',
      email: 'desk@example.org',
    });
    // The first evaluation records where things stand: the old document fires nothing.
    assert.deepEqual(await evaluateDue(story.store, clock).then((r) => r.fired), 0);
    const one = await story.document({
      source: 'fringe-daily',
      at: '2024-03-01',
      text: 'Опять <санкции> & «мы».',
    });
    const two = await story.document({ source: 'fringe-daily', at: '2024-03-01', text: 'Новые санкции.' });
    await story.document({ source: 'fringe-daily', at: '2024-03-01', text: 'Погода.' });
    assert.equal((await evaluateDue(story.store, clock)).evaluated, 0, 'not due before 15 minutes');
    clock.advance(15);
    const report = await evaluateDue(story.store, clock);
    assert.deepEqual([report.evaluated, report.fired], [1, 1]);
    clock.advance(15);
    assert.equal((await evaluateDue(story.store, clock)).fired, 0, 'nothing new: nothing fires');

    webhook.status = 503;
    const failed = await deliverDue(story.store, channels, clock);
    assert.deepEqual([failed.delivered, failed.failed.length], [1, 1]);
    const [view] = await alertDeliveries(story.store, { status: 'failed' });
    assert.match(view!.lastError!, /HTTP 503/);
    assert.equal(view!.attempts, 1);
    assert.equal(Date.parse(view!.nextAttemptAt!) - clock.at, 30_000);
    assert.equal(
      (await deliverDue(story.store, channels, clock)).failed.length,
      0,
      'not retried before its time',
    );
    webhook.status = 204;
    clock.advance(1);
    assert.equal((await deliverDue(story.store, channels, clock)).delivered, 1);
    assert.equal((await deliverDue(story.store, channels, clock)).delivered, 0);

    assert.equal(webhook.calls.length, 1);
    const call = webhook.calls[0]!;
    assert.equal(call.signatureValid, true);
    assert.equal(call.headers['idempotency-key'], call.id);
    assert.equal(call.body.trigger, 'new');
    const details = call.body.details as {
      count: number;
      documents: Array<{ documentId: string; start: number; end: number; matched: string }>;
    };
    assert.equal(details.count, 2);
    assert.deepEqual(
      details.documents.map((d) => d.documentId),
      [one, two],
    );
    const text = (await story.store.documents.get(one))!.text;
    assert.equal(
      text.slice(details.documents[0]!.start, details.documents[0]!.end),
      details.documents[0]!.matched,
    );
    assert.equal(details.documents[0]!.matched.toLowerCase(), 'санкции');
    assert.equal(smtp.messages.length, 1);
    assert.deepEqual(smtp.messages[0]!.to, ['desk@example.org']);
    assert.match(smtp.messages[0]!.raw, new RegExp(`X-Echotrace-Event: ${call.id}`));
    assert.equal((await alertDeliveries(story.store, { status: 'delivered' })).length, 2);

    // The Atom feed holds the event, its text escaped, and parses back.
    const feed = parseFeed((await alertFeed(story.store, 'slogan')).xml, { origin: 'alerts/slogan' });
    assert.equal(feed.format, 'atom');
    assert.equal(feed.items.length, 1);
    assert.equal(feed.items[0]!.guid, `urn:echotrace:event:${call.id}`);
    assert.match(feed.items[0]!.summary ?? '', /Опять <санкции> & «мы»/);
    await story.store.close();
  });

  it('fires a spike on a day far above the series baseline, once', async () => {
    const story = await Story.open();
    await story.source('state-wire', ['state']);
    for (const day of days('2024-02-01', 12)) {
      await story.document({ source: 'state-wire', at: day, text: 'Треугольник упомянут.' });
      for (let i = 0; i < 9; i++) await story.document({ source: 'state-wire', at: day, text: 'Погода.' });
    }
    const clock = new TestClock('2024-02-12T20:00:00Z');
    await addAlert(story.store, clock, {
      name: 'triangle',
      query: 'треугольник',
      triggers: ['spike'],
      every: '1h',
    });
    const search = (await story.store.alerts.get('triangle'))!;
    assert.deepEqual(await evaluateAlert(story.store, search, clock), []);
    for (let i = 0; i < 8; i++)
      await story.document({ source: 'state-wire', at: '2024-02-13', text: 'Треугольник снова.' });
    for (let i = 0; i < 2; i++)
      await story.document({ source: 'state-wire', at: '2024-02-13', text: 'Погода.' });
    clock.advance(24 * 60);
    const events = await evaluateAlert(story.store, search, clock);
    assert.deepEqual(
      events.map((e) => [e.trigger, e.key]),
      [['spike', 'spike:2024-02-13']],
    );
    assert.equal(events[0]!.details.documents, 8);
    assert.ok((events[0]!.details.z as number) >= 3);
    assert.deepEqual(await evaluateAlert(story.store, search, clock), []);
    // A busier day at the usual share is no spike.
    for (let i = 0; i < 3; i++)
      await story.document({ source: 'state-wire', at: '2024-02-14', text: 'Треугольник.' });
    for (let i = 0; i < 27; i++)
      await story.document({ source: 'state-wire', at: '2024-02-14', text: 'Погода.' });
    assert.deepEqual(await evaluateAlert(story.store, search, clock), []);
    await story.store.close();
  });

  it('fires when an entity or narrative first appears in a source, and when a source goes silent', async () => {
    const story = await Story.open();
    await story.source('fringe-daily', ['fringe']);
    await story.source('big-paper', ['mainstream']);
    for (const day of days('2024-01-01', 10)) {
      const id = await story.document({ source: 'big-paper', at: day, text: 'Туманов о санкциях.' });
      await story.mentions(id, { Туманов: 'gleb-tumanov' });
    }
    const clock = new TestClock('2024-01-10T18:00:00Z');
    await addAlert(story.store, clock, {
      name: 'watch',
      query: 'санкциях',
      triggers: ['first-seen', 'silent'],
    });
    const search = (await story.store.alerts.get('watch'))!;
    assert.deepEqual(await evaluateAlert(story.store, search, clock), []);
    const a = await story.document({
      source: 'fringe-daily',
      at: '2024-01-11',
      text: 'Туманов и Орлова о санкциях.',
    });
    await story.mentions(a, { Туманов: 'gleb-tumanov', Орлова: 'anna-orlova' });
    await story.store.annotations.replace(a, 'test-narratives', [
      {
        id: 'n1',
        documentId: a,
        kind: 'narrative',
        label: 'sanctions-backfire',
        start: 0,
        end: 7,
        confidence: 0.8,
        producer: 'test-narratives',
        producerVersion: '1',
        attributes: { narrativeId: 'sanctions-backfire' },
      },
    ]);
    const b = await story.document({
      source: 'big-paper',
      at: '2024-01-11',
      text: 'Туманов о санкциях опять.',
    });
    await story.mentions(b, { Туманов: 'gleb-tumanov' });
    clock.advance(24 * 60);
    const fired = await evaluateAlert(story.store, search, clock);
    assert.deepEqual(fired.map((e) => e.key).sort(), [
      'entity:fringe-daily:anna-orlova',
      'entity:fringe-daily:gleb-tumanov',
      'narrative:fringe-daily:sanctions-backfire',
    ]);
    const orlova = fired.find((e) => e.key.endsWith('anna-orlova'))!.details.document as {
      start: number;
      end: number;
      matched: string;
    };
    assert.equal(orlova.matched, 'Орлова');
    // Nothing from big-paper since the 11th: by the 16th that is more than three usual gaps.
    clock.advance(5 * 24 * 60);
    const silent = await evaluateAlert(story.store, search, clock);
    assert.deepEqual(
      silent.map((e) => e.key),
      ['silent:big-paper:2024-01-11'],
    );
    clock.advance(24 * 60);
    assert.deepEqual(await evaluateAlert(story.store, search, clock), [], 'the same silence fires once');
    await story.store.close();
  });
});
