import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_FEATURES, BLOCK_MODEL, blockProbability, extractArticle } from '@echotrace/extract';
import type { BlockModel } from '@echotrace/extract';

// A page-builder layout: the body's paragraphs sit in one row, the rest of the article (its closing
// paragraph) in a row of its own below, then a row of links.
const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the council report on the harbour works, which describes how the repairs were planned, paid for and carried out over the summer, and what the engineers found when they opened the deck.</p>`;
const SPLIT_ROWS_PAGE = `<!doctype html><html><head><title>Harbour works</title></head><body>
<div class="page"><div class="rows">
  <div class="row"><div class="col"><div class="inner">${[1, 2, 3, 4, 5, 6].map(paragraph).join('')}</div></div></div>
  <div class="row row-end"><div class="col-wide"><div class="box"><p>The council will publish the final accounts of the works in the spring, once the last invoices from the contractors are in, it said, and the harbour board will then decide whether the second phase of the repairs can begin before the summer season.</p></div></div></div>
  <div class="row"><div class="col"><ul class="links"><li><a href="/a">Other works in the city this year</a></li><li><a href="/b">Ferry timetables for the winter</a></li></ul></div></div>
</div></div>
</body></html>`;

describe('block model', () => {
  it('is shipped, with one weight per feature', () => {
    assert.ok(BLOCK_MODEL);
    assert.equal(BLOCK_MODEL.weights.length, BLOCK_FEATURES.length);
    assert.equal(BLOCK_MODEL.mean.length, BLOCK_FEATURES.length);
    assert.ok(BLOCK_MODEL.threshold > 0 && BLOCK_MODEL.threshold <= 1);
  });

  it('computes a logistic probability of standardized features', () => {
    const model: BlockModel = { mean: [1, 0], scale: [2, 1], weights: [2, -1], bias: 0.5, threshold: 0.5 };
    // z = 0.5 + 2 * (3 - 1) / 2 - 1 * (1 - 0) / 1 = 1.5
    assert.ok(Math.abs(blockProbability(model, [3, 1]) - 1 / (1 + Math.exp(-1.5))) < 1e-12);
  });

  it('adds the article paragraph that stands in another row, and not the row of links', () => {
    const withModel = extractArticle(SPLIT_ROWS_PAGE).text;
    const without = extractArticle(SPLIT_ROWS_PAGE, undefined, { blockModel: null }).text;
    assert.ok(without.includes('Paragraph 6 of the council report'));
    assert.ok(!without.includes('final accounts of the works'));
    assert.ok(withModel.includes('final accounts of the works'));
    assert.ok(withModel.indexOf('Paragraph 6') < withModel.indexOf('final accounts'));
    assert.ok(!withModel.includes('Ferry timetables'));
  });
});

describe('author boxes', () => {
  it('leaves out the author box at the foot of an article, by its theme names', () => {
    const body = [1, 2, 3, 4].map(paragraph).join('');
    for (const name of ['author-box', 'author-info', 'authorbox', 'about-author', 'author-description']) {
      const page = `<!doctype html><html><body><article><div class="entry-content">${body}</div><div class="${name}"><p>Jane Writer has covered city hall and the harbour for twenty years, and is the author of two books on the history of the port and its ferries.</p></div></article></body></html>`;
      const text = extractArticle(page).text;
      assert.ok(text.includes('Paragraph 4 of the council report'), name);
      assert.ok(!text.includes('Jane Writer has covered'), name);
    }
  });
});
