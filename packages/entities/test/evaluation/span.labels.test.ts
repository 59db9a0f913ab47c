import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '@echotrace/core';
import { parseSpanLabels, resolveSpanLabels } from '@echotrace/entities/training';

const LABELS = `# a comment
#### chan/1
Анна Берг\tPER
Берг\tPER
Осло\tLOC\t@2

#### chan/2
`;

describe('span labels of real posts', () => {
  it('finds every whole-word occurrence, longer labels first, and keeps chosen occurrences', () => {
    const [first, second] = parseSpanLabels(LABELS);
    assert.equal(first!.id, 'chan/1');
    assert.deepEqual(second, { id: 'chan/2', labels: [] });
    const text = 'Анна Берг из Осло. Берги не Берг. Осло и Осло.';
    const spans = resolveSpanLabels(first!, text).map(
      (s) => `${text.slice(s.start, s.end)}@${s.start}/${s.type}`,
    );
    assert.deepEqual(spans, ['Анна Берг@0/PER', 'Берг@28/PER', 'Осло@34/LOC']);
  });

  it('names the line of a label the post does not contain, and of a malformed label', () => {
    const [post] = parseSpanLabels(LABELS, 'labels.txt');
    assert.throws(
      () => resolveSpanLabels(post!, 'Осло и Осло', 'labels.txt'),
      (e: unknown) =>
        e instanceof InputError && e.input === 'labels.txt:3' && /does not occur/.test(e.problem),
    );
    assert.throws(
      () => parseSpanLabels('#### a/1\nМосква\tCITY\n', 'x.txt'),
      (e: unknown) =>
        e instanceof InputError && e.input === 'x.txt:2' && /not PER, LOC or ORG/.test(e.problem),
    );
    assert.throws(() => parseSpanLabels('Москва\tLOC\n'), InputError);
    assert.throws(() => parseSpanLabels('#### a/1\n#### a/1\n'), /labeled twice/);
  });
});
