// Property tests for the HTML readers: article extraction, the Telegram channel preview and feed
// discovery. Any page is read or refused with an InputError (only HtmlLimitError for extraction);
// script and style contents never reach the text; a page past the bounds is refused, never parsed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '@echotrace/core';
import {
  checkHtmlLimits,
  discoverFeedLinks,
  extractArticle,
  HtmlLimitError,
  parseHtmlFile,
  parseTelegramPreview,
  sourceFor,
} from '@echotrace/extract';
import {
  executed,
  mutated,
  refusedTyped,
  reportExecutions,
  RUNS,
  SEED,
  settings,
  soup,
} from './fuzz.settings.ts';

// Never in any piece: its presence in extracted text means script or style content leaked.
const SECRET = 'ZQXJSECRET';

const HTML_PIECES = [
  '<!doctype html>',
  '<html lang="ru">',
  '</html>',
  '<head>',
  '</head>',
  '<body>',
  '</body>',
  '<title>Заголовок</title>',
  '<meta charset="koi8-r">',
  '<meta property="og:title" content="OG">',
  '<meta name="author" content="Автор">',
  '<link rel="canonical" href="/canon">',
  '<link rel="canonical" href="javascript:alert(1)">',
  '<link rel="alternate" type="application/rss+xml" href="/feed">',
  '<time datetime="2024-11-26T09:15:00+03:00">',
  '<time datetime="not a date">',
  '</time>',
  '<article>',
  '</article>',
  '<div class="content">',
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<p>Первый абзац статьи с достаточным количеством слов для основного текста.</p>',
  '<h1>',
  '</h1>',
  '<ul><li>a<li>b</ul>',
  '<table><tr><td>',
  '</table>',
  '<br>',
  '<img src=x onerror=alert(1)>',
  '<nav>',
  '</nav>',
  '<footer>',
  '<a href="/x">',
  '</a>',
  '<svg><foreignObject><p>',
  '</svg>',
  '<math>',
  '<template>',
  '</template>',
  '<noscript>',
  '</noscript>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"Тело","datePublished":"2024-01-01"}</script>',
  '<script type="application/ld+json">{"@type":',
  '&nbsp;',
  '&amp;',
  '&#0;',
  '&#x1F600;',
  '&bogus;',
  '"',
  "'",
  '<',
  '>',
  '=',
  '/',
  '\u0000',
  '\uFEFF',
  '😀',
];
const SCRIPTED = [
  `<script>var a = "${SECRET}";</script>`,
  `<style>.a { content: "${SECRET}" }</style>`,
  `<script src="x.js">${SECRET}</script>`,
];

const VALID_PAGE = `<!doctype html><html lang="ru"><head><title>Заголовок</title>
<meta property="article:published_time" content="2024-11-26T09:15:00+03:00"></head><body><nav><a href="/">Главная</a></nav>
<article><h1>Заголовок</h1><p>Первый абзац статьи с достаточным количеством слов для основного текста.</p>
<p>Второй абзац, где министр сказал, что переговоры продолжатся в понедельник.</p></article><footer>©</footer></body></html>`;

const TELEGRAM_PAGE = `<html><body><div class="tgme_channel_info"></div>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="rian_ru/123">
<div class="tgme_widget_message_forwarded_from_name">Source</div>
<div class="tgme_widget_message_text">Текст <b>поста</b> <a href="https://a.example/">ссылка</a><br>строка</div>
<div class="tgme_widget_message_meta"><span class="tgme_widget_message_views">12.3K</span>
<a class="tgme_widget_message_date"><time datetime="2024-11-26T09:15:00+00:00">09:15</time></a></div></div></div></body></html>`;
const TELEGRAM_PIECES = [
  '<div class="tgme_widget_message" data-post="rian_ru/1">',
  '<div class="tgme_widget_message" data-post="bad/x">',
  '<div class="tgme_widget_message_text">',
  '<span class="tgme_widget_message_views">',
  '1.2M',
  'K',
  '<time datetime="2024-13-45T99:00:00Z">',
  '<span class="tgme_widget_message_edited">edited</span>',
  ...HTML_PIECES.slice(0, 30),
];

const page = fc.oneof(
  soup([...HTML_PIECES, ...SCRIPTED]),
  mutated(VALID_PAGE, [...HTML_PIECES, ...SCRIPTED]),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

describe(`HTML reader properties (${RUNS} runs each, seed ${SEED})`, () => {
  it('extractArticle reads any page, with http(s) canonical URLs and real dates', () => {
    fc.assert(
      fc.property(page, fc.constantFrom(undefined, 'https://a.example/news/1'), (html, url) => {
        executed('HTML extraction');
        let article;
        try {
          article = extractArticle(html, url);
        } catch (error) {
          if (error instanceof HtmlLimitError) return;
          throw error;
        }
        assert.equal(typeof article.text, 'string');
        if (article.canonicalUrl) assert.match(article.canonicalUrl, /^https?:\/\//);
        if (article.publishedAt) assert.ok(!Number.isNaN(Date.parse(article.publishedAt)));
      }),
      settings,
    );
  });

  it('script and style contents never reach the text or title of a well-formed page', () => {
    // Trees, not soup: in soup a <script> may sit inside <title> or an attribute, where it is text.
    const word = fc.constantFrom(
      'Министр',
      'заявил',
      'что',
      'talks',
      'resume',
      'Monday',
      '«цитата»',
      '&amp;',
    );
    const tree = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
        fc.constantFrom(...SCRIPTED),
        fc
          .tuple(
            fc.constantFrom(
              'div',
              'p',
              'span',
              'article',
              'section',
              'b',
              'a href="/x"',
              'main',
              'li',
              'blockquote',
            ),
            fc.array(tie('node'), { maxLength: 5 }),
          )
          .map(([tag, children]) => `<${tag}>${children.join('')}</${tag.split(' ')[0]}>`),
      ),
    })).node;
    fc.assert(
      fc.property(tree, fc.constantFrom(...SCRIPTED), (body, head) => {
        executed('HTML scripts');
        const article = extractArticle(
          `<!doctype html><html><head><title>Заголовок</title>${head}</head><body>${body}</body></html>`,
        );
        assert.ok(!article.text.includes(SECRET), 'script text in the article');
        assert.ok(!(article.title ?? '').includes(SECRET), 'script text in the title');
      }),
      settings,
    );
  });

  it('parseHtmlFile turns any bytes into an item or a failure, never a throw', () => {
    const bytes = fc.oneof(
      page.map((s) => new TextEncoder().encode(s)),
      fc.uint8Array({ maxLength: 300 }),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        executed('HTML file reader');
        const items = parseHtmlFile('page.html', 'file:page.html', input, sourceFor('Local files', 'files'));
        assert.equal(items.length, 1);
      }),
      settings,
    );
  });

  it('a page nested past the bound is refused whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 513, max: 5_000 }),
        page,
        fc.constantFrom('div', 'span', 'b', 'section'),
        (n, around, tag) => {
          executed('HTML bounds');
          // The run comes first: text around it may open a raw-text element (`<title>` unclosed), and
          // inside one, tags are text.
          const html = `${`<${tag}>`.repeat(n)}x${around}${`</${tag}>`.repeat(n)}`;
          assert.throws(() => extractArticle(html), HtmlLimitError);
          const within = `${`<${tag}>`.repeat(500)}x`;
          assert.ok(checkHtmlLimits(within, 'p').depth <= 500 + 4);
        },
      ),
      settings,
    );
  });

  it('parseTelegramPreview reads any page or refuses it with an InputError', () => {
    const preview = fc.oneof(soup(TELEGRAM_PIECES), mutated(TELEGRAM_PAGE, TELEGRAM_PIECES));
    fc.assert(
      fc.property(preview, (html) => {
        executed('Telegram preview');
        const posts = refusedTyped(() => parseTelegramPreview(html, 'https://t.me/s/rian_ru'));
        if (posts instanceof InputError) return;
        for (const post of posts) {
          assert.ok(Number.isSafeInteger(post.messageId));
          assert.equal(typeof post.text, 'string');
          for (const link of post.links) assert.ok(link.start >= 0 && link.end <= post.text.length);
          assert.ok(post.views === null || Number.isFinite(post.views));
        }
      }),
      settings,
    );
  });

  it('discoverFeedLinks returns absolute http(s) URLs for any page', () => {
    fc.assert(
      fc.property(page, (html) => {
        executed('feed discovery');
        for (const candidate of discoverFeedLinks(html, 'https://a.example/'))
          assert.match(candidate.url, /^https?:\/\//);
      }),
      settings,
    );
  });

  it('reports the executions', () => {
    reportExecutions([
      'HTML extraction',
      'HTML file reader',
      'HTML bounds',
      'Telegram preview',
      'feed discovery',
    ]);
  });
});
