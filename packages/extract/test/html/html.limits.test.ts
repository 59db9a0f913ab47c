// The bounds checked before linkedom builds a tree: the depth measured is the depth linkedom builds
// (implied closes and void elements included), a page past a bound is refused by name, and the
// refusal comes from a scan that stops at the bound instead of parsing the whole page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkHtmlLimits,
  DEFAULT_HTML_LIMITS,
  extractArticle,
  HtmlLimitError,
  parseHtmlDocument,
  type DomElement,
  type DomNode,
} from '@echotrace/extract';

const UNBOUNDED = { maxDepth: Number.MAX_SAFE_INTEGER, maxElements: Number.MAX_SAFE_INTEGER };

function treeDepth(node: DomNode, depth = 0): number {
  let deepest = depth;
  for (let child = node.firstChild; child; child = child.nextSibling)
    if (child.nodeType === 1) deepest = Math.max(deepest, treeDepth(child, depth + 1));
  return deepest;
}

describe('HTML bounds', () => {
  it('measures the depth linkedom builds', () => {
    const pages = [
      '<p>one<p>two<p>three',
      '<ul><li>a<li>b<li><ul><li>c</ul></ul>',
      '<div><span><p>x</div></span><br><br><img src=x>',
      '<table><tr><td>a<td>b<tr><td><div><b>c</b></div></table>',
      '<div><div><b><i>unclosed</div>',
      '<p>' + 'word <br> '.repeat(50),
    ];
    for (const html of pages) {
      const document = parseHtmlDocument(`<!doctype html><html><body>${html}</body></html>`);
      const { depth } = checkHtmlLimits(`<html><body>${html}</body></html>`, 'page', UNBOUNDED);
      assert.equal(depth, 1 + treeDepth(document.documentElement!), html);
    }
  });

  it('counts implied closes as linkedom does: ten thousand unclosed <p> are one level', () => {
    const shape = checkHtmlLimits('<body>' + '<p>para'.repeat(10_000), 'page', DEFAULT_HTML_LIMITS);
    assert.deepEqual(shape, { depth: 2, elements: 10_001 });
  });

  it('refuses a page nested past maxDepth, naming it, before building a tree', () => {
    const html = '<div>'.repeat(1_000_000) + 'deep' + '</div>'.repeat(1_000_000);
    assert.throws(
      () => extractArticle(html, 'https://example.test/deep'),
      (error: unknown) =>
        error instanceof HtmlLimitError &&
        error.limit === 'maxDepth' &&
        error.input === 'https://example.test/deep' &&
        /nested more than 512 elements deep \(ECHOTRACE_HTML_MAX_DEPTH\)/.test(error.message),
    );
  });

  it('refuses a page with more elements than maxElements', () => {
    const html = '<p>x</p>'.repeat(1_001);
    assert.throws(
      () =>
        extractArticle(html, undefined, { input: 'big.html', limits: { maxDepth: 512, maxElements: 1_000 } }),
      (error: unknown) =>
        error instanceof HtmlLimitError &&
        error.limit === 'maxElements' &&
        error.input === 'big.html' &&
        /more than 1000 elements \(ECHOTRACE_HTML_MAX_ELEMENTS\)/.test(error.message),
    );
    // The same page under the default bounds is extracted.
    assert.match(extractArticle(html).text, /^x/);
  });

  it('does not count markup inside scripts, comments or attributes', () => {
    const html =
      '<html><body><script>' +
      '<div>'.repeat(2_000) +
      '</script><!--' +
      '<div>'.repeat(2_000) +
      `--><p title="${'<div>'.repeat(2_000)}">text</p></body></html>`;
    assert.deepEqual(checkHtmlLimits(html, 'page', DEFAULT_HTML_LIMITS), { depth: 3, elements: 4 });
  });

  it('leaves a normal article page alone', () => {
    const article = extractArticle(
      '<html lang="ru"><head><title>Заголовок</title></head><body><nav><a href="/">Главная</a></nav>' +
        '<article><h1>Заголовок</h1><p>Первый абзац статьи, достаточно длинный для извлечения.</p>' +
        '<p>Второй абзац.</p></article></body></html>',
    );
    assert.match(article.text, /Первый абзац/);
    const element: DomElement | null = parseHtmlDocument('<p>x</p>').body;
    assert.ok(element);
  });
});
