import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError, parsePublished, toInstant } from '@echotrace/core';

describe('parsePublished', () => {
  it('keeps the offset an outlet states', () => {
    assert.equal(parsePublished('2023-09-28T10:00:00+03:00'), '2023-09-28T10:00:00+03:00');
    assert.equal(parsePublished('2023-09-28T10:00:00+0300'), '2023-09-28T10:00:00+03:00');
    assert.equal(parsePublished('2024-12-04T08:14:06+00:00'), '2024-12-04T08:14:06Z');
    assert.equal(parsePublished('2024-12-04 08:14:06.123456Z'), '2024-12-04T08:14:06.123Z');
  });
  it('reads feed dates (RFC 2822) with named and numeric zones', () => {
    assert.equal(parsePublished('Tue, 26 Nov 2024 09:15:00 +0300'), '2024-11-26T09:15:00+03:00');
    assert.equal(parsePublished('26 Nov 2024 09:15 GMT'), '2024-11-26T09:15:00Z');
    assert.equal(parsePublished('Tue, 26 Nov 2024 09:15:00 MSK'), '2024-11-26T09:15:00+03:00');
  });
  it('reads Unix seconds and milliseconds', () => {
    assert.equal(parsePublished(1709287500), '2024-03-01T10:05:00Z');
    assert.equal(parsePublished('1709287500000'), '2024-03-01T10:05:00Z');
  });
  it('keeps dates without a time and times without an offset as given', () => {
    assert.equal(parsePublished('2024-02-01'), '2024-02-01');
    assert.equal(parsePublished('2024-03-01T10:00:00'), '2024-03-01T10:00:00');
  });
  it('names the value when it is not a date', () => {
    assert.throws(
      () => parsePublished('вчера', 'feed.xml: pubDate'),
      (e: unknown) =>
        e instanceof InputError && /feed\.xml: pubDate: "вчера" is not a recognized date/.test(e.message),
    );
    assert.throws(() => parsePublished('2024-02-30T25:00:00'), InputError);
  });
});

describe('toInstant', () => {
  it('converts to UTC, reading offset-less times as UTC', () => {
    assert.equal(toInstant('2024-02-01T01:00:00+03:00'), '2024-01-31T22:00:00.000Z');
    assert.equal(toInstant('2024-02-01T01:00:00'), '2024-02-01T01:00:00.000Z');
    assert.equal(toInstant('2024-02-01'), '2024-02-01T00:00:00.000Z');
  });
});
