import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ANNOTATION_KINDS,
  annotationJsonSchemas,
  InputError,
  parseAnnotation,
  type Annotation,
} from '@echotrace/core';

describe('annotation schemas', () => {
  it('converts every kind to JSON Schema, documenting the span offset unit', () => {
    const schemas = annotationJsonSchemas();
    assert.deepEqual(Object.keys(schemas).sort(), [
      'entity',
      'link',
      'narrative',
      'quote',
      'sanction',
      'technique',
    ]);
    for (const kind of ANNOTATION_KINDS) {
      const schema = schemas[kind] as {
        type: string;
        properties: Record<string, { description?: string; const?: string }>;
      };
      assert.equal(schema.type, 'object', kind);
      assert.equal(schema.properties.kind?.const, kind);
      for (const end of ['start', 'end'] as const) {
        const description = schema.properties[end]?.description ?? '';
        assert.match(description, /UTF-16 code units/, `${kind}.${end}`);
        assert.match(description, /normalized document text/, `${kind}.${end}`);
        assert.match(description, /\[start, end\)/, `${kind}.${end}`);
      }
      assert.ok(schema.properties.attributes, kind);
    }
  });

  it('types what it parses and refuses what does not fit, naming the problem', () => {
    const base: Annotation = {
      id: 'a1',
      documentId: 'd',
      kind: 'entity',
      label: 'PERSON',
      start: 0,
      end: 3,
      confidence: 1,
      producer: 'entities',
      producerVersion: '1',
      attributes: { entityId: 'kim', name: 'Kim', reason: 'exact-alias', surface: 'Kim' },
    };
    const typed = parseAnnotation(base, 'entity');
    assert.equal(typed.attributes.surface, 'Kim');
    assert.throws(
      () => parseAnnotation({ ...base, attributes: { name: 'Kim' } }),
      (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /a1 \(entities\).*attributes entityId/);
        return true;
      },
    );
    assert.throws(() => parseAnnotation(base, 'sanction'), /expected kind sanction, got entity/);
    assert.throws(() => parseAnnotation({ ...base, kind: 'label' }), /unknown kind label/);
    assert.throws(() => parseAnnotation({ ...base, start: 4 }), /is not a span/);
  });
});
