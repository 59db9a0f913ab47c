// Property tests for the JSON readers: Telegram exports (Desktop and flat message lists) and NDJSON
// lines. Any JSON, and any value in any field of an export, gives items and per-item failures,
// never a throw; every item's links lie inside its text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError, type IngestInput } from '@echotrace/core';
import { parseJsonFile, parseNdjsonLine, sourceFor } from '@echotrace/extract';
import { executed, mutated, reportExecutions, RUNS, SEED, settings } from './fuzz.settings.ts';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
// Any JSON value, or a value of the wrong type where an export has a field.
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, 12345, '', ' ', '\u0000', '2024-13-45', -1, 1e308, true, [], {}),
);
const textPart = fc.oneof(
  fc.string(),
  fc.record(
    {
      type: fc.constantFrom('bold', 'link', 'text_link', 'mention', 'hashtag', 'x'),
      text: anyValue,
      href: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);
const desktopMessage = fc.record(
  {
    id: fc.oneof(fc.integer(), anyValue),
    type: fc.oneof(fc.constantFrom('message', 'service'), anyValue),
    date: fc.oneof(fc.constantFrom('2024-03-01T10:00:00', '2024-02-30T25:61:00'), anyValue),
    date_unixtime: fc.oneof(fc.constantFrom('1709280000', '-5', 'x'), anyValue),
    text: fc.oneof(fc.string(), fc.array(textPart, { maxLength: 6 }), anyValue),
    forwarded_from: anyValue,
    from: anyValue,
    edited: anyValue,
  },
  { requiredKeys: [] },
);
const desktopExport = fc.record(
  {
    name: fc.oneof(fc.constantFrom('Канал', 'RIA'), anyValue),
    type: fc.oneof(fc.constant('public_channel'), anyValue),
    id: fc.oneof(fc.integer(), anyValue),
    username: anyValue,
    messages: fc.oneof(fc.array(fc.oneof(desktopMessage, anyValue), { maxLength: 8 }), anyValue),
  },
  { requiredKeys: ['messages'] },
);
const flatMessage = fc.record(
  {
    message_id: fc.oneof(fc.integer(), anyValue),
    channel: fc.oneof(fc.constantFrom('rian_ru', 'Канал'), anyValue),
    date: fc.oneof(fc.constantFrom('2024-03-01 10:00:00', 'yesterday'), anyValue),
    text: fc.oneof(fc.string(), anyValue),
    sender_id: anyValue,
    username: anyValue,
    category: anyValue,
  },
  { requiredKeys: ['message_id', 'channel'] },
);
const VALID_EXPORT = JSON.stringify({
  name: 'Канал',
  type: 'public_channel',
  id: 1,
  messages: [
    {
      id: 1,
      type: 'message',
      date: '2024-03-01T10:00:00',
      text: ['Текст ', { type: 'bold', text: 'жирный' }],
    },
  ],
});
const jsonBytes = fc.oneof(
  desktopExport.map(encode),
  fc.array(fc.oneof(flatMessage, anyValue), { maxLength: 8 }).map(encode),
  anyValue.map(encode),
  mutated(VALID_EXPORT, ['{', '}', '[', ']', '"', ',', ':', 'null', '"text":{}', '\\u0000', '\\ud800']).map(
    (s) => new TextEncoder().encode(s),
  ),
  fc.uint8Array({ maxLength: 100 }),
);

function checkInputs(inputs: readonly IngestInput[]): void {
  for (const input of inputs) {
    if ('failed' in input) {
      assert.equal(typeof input.reason, 'string');
      assert.ok(input.reason.length > 0);
      continue;
    }
    assert.equal(typeof input.text, 'string');
    assert.equal(typeof input.key, 'string');
    assert.ok(input.title === null || typeof input.title === 'string');
    for (const link of input.links ?? [])
      assert.ok(
        link.start >= 0 && link.end > link.start && link.end <= input.text.length,
        JSON.stringify(link),
      );
  }
}

describe(`JSON reader properties (${RUNS} runs each, seed ${SEED})`, () => {
  it('parseJsonFile gives items and failures for any bytes, never a throw', () => {
    fc.assert(
      fc.property(jsonBytes, (bytes) => {
        executed('Telegram export');
        const inputs = parseJsonFile('export.json', bytes);
        assert.ok(inputs.length > 0, 'a file gives at least one item or failure');
        checkInputs(inputs);
      }),
      settings,
    );
  });

  it('parseNdjsonLine reads any line or refuses it with an InputError', () => {
    const record = fc.record(
      {
        url: anyValue,
        title: anyValue,
        text: anyValue,
        published: anyValue,
        source: anyValue,
        language: anyValue,
      },
      { requiredKeys: [] },
    );
    const line = fc.oneof(
      record.map((r) => JSON.stringify(r)),
      anyValue.map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    fc.assert(
      fc.property(line, (text) => {
        executed('NDJSON line');
        let input: IngestInput | null;
        try {
          input = parseNdjsonLine('x.ndjson', 3, text, sourceFor('Local files', 'files'));
        } catch (error) {
          if (error instanceof InputError) return;
          throw error;
        }
        if (input) checkInputs([input]);
      }),
      settings,
    );
  });

  it('reports the executions', () => {
    reportExecutions(['Telegram export', 'NDJSON line']);
  });
});
