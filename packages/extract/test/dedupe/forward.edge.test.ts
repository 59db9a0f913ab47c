import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardEdgeFor } from '@echotrace/extract';

describe('forwardEdgeFor', () => {
  it('records the channel name a Telegram export states', () => {
    assert.deepEqual(forwardEdgeFor('doc1', 'Вестник Заречья'), {
      documentId: 'doc1',
      fromChannel: 'Вестник Заречья',
      fromMessageId: null,
    });
  });

  it('takes the channel and the original message from a t.me post link', () => {
    assert.deepEqual(forwardEdgeFor('doc2', 'https://t.me/zarechye_vestnik/4512'), {
      documentId: 'doc2',
      fromChannel: '@zarechye_vestnik',
      fromMessageId: '4512',
    });
    assert.deepEqual(forwardEdgeFor('doc3', 't.me/s/zarechye_vestnik/77/'), {
      documentId: 'doc3',
      fromChannel: '@zarechye_vestnik',
      fromMessageId: '77',
    });
  });

  it('normalizes a channel link and keeps a message id given separately', () => {
    assert.deepEqual(forwardEdgeFor('doc4', 'https://t.me/zarechye_vestnik', 90), {
      documentId: 'doc4',
      fromChannel: '@zarechye_vestnik',
      fromMessageId: '90',
    });
  });

  it('is null for a post that is not a forward', () => {
    assert.equal(forwardEdgeFor('doc5', undefined), null);
    assert.equal(forwardEdgeFor('doc5', '   '), null);
  });
});
