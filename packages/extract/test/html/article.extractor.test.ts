import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dateFromUrl, extractArticle, HtmlLimitError } from '@echotrace/extract';
import {
  CYRILLIC_PAGE,
  JSON_LD_PAGE,
  MALFORMED_JSON_LD_PAGE,
  NEWS_PAGE,
  SCRIPT_SHELL_PAGE,
  SIDEBAR_TIME_PAGE,
  SPLIT_BLOCKS_PAGE,
  TIME_PAGE,
} from './fixtures.ts';

describe('extractArticle: main text', () => {
  const article = extractArticle(NEWS_PAGE, 'https://news.example.org/2024/11/26/bridge');

  it('keeps every paragraph of the article body, in order, separated by blank lines', () => {
    const paragraphs = article.text.split('\n\n');
    assert.equal(paragraphs[0]?.startsWith('The harbour bridge reopened to traffic'), true);
    assert.ok(article.text.includes('Engineers replaced forty-two cables'));
    assert.ok(article.text.includes('the final cost was below the original estimate.'));
    assert.ok(paragraphs.includes('What changes for drivers'));
    assert.equal(paragraphs.at(-1)?.endsWith('until the spring inspection.'), true);
    assert.equal(paragraphs.length, 5);
  });

  it('leaves out navigation, cookie banner, sharing, related links, comments and footer', () => {
    for (const boilerplate of [
      'cookies',
      'Culture and entertainment',
      'Share on Facebook',
      'Related stories',
      'Ferry operators report',
      'detour via the ring road',
      'All rights reserved',
      'The Daily Example',
    ]) {
      assert.ok(!article.text.includes(boilerplate), `text should not contain ${boilerplate}`);
    }
  });

  it('never lets script or style content into the text', () => {
    assert.ok(!/LEAK/.test(article.text));
  });

  it('reads metadata from meta tags and resolves links against the page URL', () => {
    assert.equal(article.title, 'Harbour bridge reopens after repairs');
    assert.equal(article.byline, 'Jane Writer');
    assert.equal(article.publishedAt, '2024-11-26T09:15:00+03:00');
    assert.equal(article.modifiedAt, '2024-11-26T12:00:00+03:00');
    assert.equal(article.language, 'en');
    assert.equal(article.canonicalUrl, 'https://news.example.org/news/harbour-bridge');
    assert.equal(article.leadImageUrl, 'https://news.example.org/img/bridge.jpg');
  });

  it('extracts a Cyrillic page and its language', () => {
    const ru = extractArticle(CYRILLIC_PAGE);
    assert.equal(ru.language, 'ru');
    assert.equal(ru.text.split('\n\n').length, 3);
    assert.ok(ru.text.startsWith('В понедельник в Москве прошло заседание'));
    assert.ok(!ru.text.includes('ВКонтакте'));
    assert.ok(!ru.text.includes('Перепечатка'));
    assert.ok(!ru.text.includes('Экономика'));
    assert.ok(!ru.text.includes('Подписывайтесь'));
  });

  it('joins an article split over sibling blocks and leaves out the teasers between them', () => {
    const article = extractArticle(SPLIT_BLOCKS_PAGE, 'https://news.example.ru/20241126/budget.html');
    assert.deepEqual(article.text.split('\n\n'), [
      'МОСКВА, 26 ноя — Комиссия по бюджету обсудила проект расходов на следующий год, сообщил председатель комиссии.',
      'По его словам, основные статьи расходов сохранятся, а дополнительные средства направят на ремонт школ и больниц.',
      'Окончательное решение, как ожидается, будет принято на заседании в декабре, после консультаций с регионами.',
    ]);
    assert.equal(article.publishedAt, '2024-11-26T09:15:00+03:00');
    // The headline on the page outranks the <title>, which often carries the site's name.
    assert.equal(article.title, 'Комиссия обсудила бюджет');
  });

  it('returns empty text and null metadata for a page without content, without throwing', () => {
    for (const html of [
      '',
      '<html></html>',
      '<body><script>x()</script></body>',
      '<div><nav>a</nav></div>',
    ]) {
      const empty = extractArticle(html);
      assert.equal(empty.text, '');
      assert.equal(empty.publishedAt, null);
      assert.equal(empty.title, null);
    }
    assert.equal(extractArticle('<<<>>> not <html').title, null);
  });

  it('survives pathologically deep markup (thousands of unclosed tags) without exhausting the stack', () => {
    const deep = `<html><body><p>A paragraph before the broken part, long enough to count.</p>${'<div><span>'.repeat(15000)}x</body></html>`;
    // Past the default depth bound the page is refused before parsing (html.limits.test.ts);
    // with the bound raised it is parsed, and the walk over 30,000 levels holds.
    assert.throws(() => extractArticle(deep), HtmlLimitError);
    const article = extractArticle(deep, undefined, { limits: { maxDepth: 40_000, maxElements: 40_000 } });
    assert.ok(article.text.startsWith('A paragraph before the broken part'));
  });

  it('reads fragments and pages without <html> or <body>, where linkedom would lose the text', () => {
    const fragment = '<p>First paragraph of a fragment.</p><p>Second paragraph of it.</p>';
    assert.equal(extractArticle(fragment).text, 'First paragraph of a fragment.\n\nSecond paragraph of it.');
    const bare = '<html lang="uk"><head><title>Заголовок</title></head><p>Текст статті.</p></html>';
    const article = extractArticle(bare);
    assert.equal(article.text, 'Текст статті.');
    assert.equal(article.language, 'uk');
    assert.equal(article.title, 'Заголовок');
  });
});

describe('extractArticle: dates and JSON-LD', () => {
  it('prefers the JSON-LD article in an @graph, keeping the stated offsets', () => {
    const article = extractArticle(JSON_LD_PAGE);
    assert.equal(article.publishedAt, '2024-11-26T08:00:00+03:00');
    assert.equal(article.modifiedAt, '2024-11-27T10:30:00+03:00');
    assert.equal(article.title, 'Graph headline');
    assert.equal(article.byline, 'Ivan Petrov, Anna Smirnova');
    assert.equal(article.leadImageUrl, 'https://example.org/lead.jpg');
  });

  it('skips malformed JSON-LD and falls back to meta tags', () => {
    const article = extractArticle(MALFORMED_JSON_LD_PAGE);
    assert.equal(article.publishedAt, '2024-11-25T18:45:00+01:00');
  });

  it('cleans bylines taken from the page', () => {
    const page = (byline: string): string =>
      `<html><body><article><div class="byline">${byline}</div><p>Text of the article.</p></article></body></html>`;
    assert.equal(extractArticle(page('By Jane Doe • 2 min read')).byline, 'Jane Doe');
    assert.equal(extractArticle(page('Автор: Иван Петров')).byline, 'Иван Петров');
    assert.equal(extractArticle(page('https://example.org/authors/jane')).byline, null);
    assert.equal(extractArticle(page('| Jane Doe')).byline, 'Jane Doe');
    assert.equal(extractArticle(page('Jane Doe,')).byline, 'Jane Doe');
  });

  it('follows a JSON-LD author given as an @id reference to a Person elsewhere in the graph', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Person', '@id': 'https://example.org/#/person/1', name: 'Jane Writer' },
        {
          '@type': 'Article',
          headline: 'Referenced author',
          author: { '@id': 'https://example.org/#/person/1' },
        },
      ],
    };
    const page = `<html><head><script type="application/ld+json">${JSON.stringify(graph)}</script></head><body><article><p>Text of the article.</p></article></body></html>`;
    assert.equal(extractArticle(page).byline, 'Jane Writer');
  });

  it("prefers a person in the page's byline to an author tag naming the site itself", () => {
    const page =
      '<html><head><meta property="og:site_name" content="Example Weekly"><meta name="author" content="Example Weekly"></head>' +
      '<body><article><span class="byline">By Jane Writer</span><p>Text of the article.</p></article></body></html>';
    assert.equal(extractArticle(page).byline, 'Jane Writer');
    // With nobody else named, the site is still what the page says.
    assert.equal(
      extractArticle(page.replace('<span class="byline">By Jane Writer</span>', '')).byline,
      'Example Weekly',
    );
  });

  it('reads <time datetime> when no metadata states the date', () => {
    assert.equal(extractArticle(TIME_PAGE).publishedAt, '2023-05-04T07:08:09Z');
  });

  it('prefers a <time> inside the article to one in a sidebar', () => {
    assert.equal(extractArticle(SIDEBAR_TIME_PAGE).publishedAt, '2024-11-26T09:15:00+03:00');
  });

  it('uses the JSON-LD articleBody when the markup is an empty script-rendered shell', () => {
    const article = extractArticle(SCRIPT_SHELL_PAGE);
    assert.equal(
      article.text,
      'Первый абзац статьи, который есть только в разметке JSON-LD.\n\n' +
        'Второй абзац: жирный текст и продолжение, чтобы текст был длиннее оболочки страницы.',
    );
    assert.equal(article.publishedAt, '2024-11-26T10:00:00+03:00');
  });

  it('falls back to a date in the URL path', () => {
    const html = '<html><body><p>Undated page body text that goes on for a while.</p></body></html>';
    assert.equal(extractArticle(html, 'https://example.ru/2024/11/26/story.html').publishedAt, '2024-11-26');
    assert.equal(extractArticle(html, 'https://example.ru/news/story.html').publishedAt, null);
    assert.equal(dateFromUrl('https://example.ru/news/2024-03-09-story'), '2024-03-09');
    assert.equal(dateFromUrl('https://example.ru/archive/20240309/story'), '2024-03-09');
    assert.equal(dateFromUrl('https://example.ru/id/2024131/story'), null);
  });
});

describe('extractArticle: broken page skeletons', () => {
  const ARTICLE =
    '<div class="content"><p>The ferry service resumed on Tuesday after the storm damage to the pier was repaired, the port authority said.</p>' +
    '<p>Passengers who had booked for the cancelled crossings can travel on any boat this week without paying again.</p></div>';

  it('reads a page whose server printed warnings before <html>', () => {
    const page = `<br />\n<b>Warning</b>: something deprecated in <b>/srv/lib.php</b> on line <b>5</b><br />\n<!DOCTYPE html><html><head><title>Ferry</title></head><body>${ARTICLE}</body></html>`;
    const { text } = extractArticle(page);
    assert.match(text, /^The ferry service resumed on Tuesday/);
    assert.ok(!text.includes('Warning'));
  });

  it('reads a page whose <head> is never closed and has no <body>', () => {
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry</title><script>var x = 1;</script>${ARTICLE}</html>`;
    const article = extractArticle(page);
    assert.match(article.text, /Passengers who had booked/);
    assert.equal(article.title, 'Ferry');
  });
});

describe('extractArticle: lead paragraphs', () => {
  const BODY =
    '<div class="article-body"><p>The new timetable adds two trains an hour between the cities, and the last train now leaves at midnight.</p>' +
    '<p>The operator said the changes, which had been announced in the spring, would cost passengers nothing extra.</p>' +
    '<p>Unions welcomed the later trains but asked for more staff on the platforms during the evening hours.</p></div>';

  it("takes the standfirst from the article's header, before the body, without byline or date", () => {
    const page = `<html><body><header class="site"><a href="/">Example Rail News</a></header><main><article>
      <header><h1>More trains from December</h1><p class="article-lead">Two more trains an hour will run between the two cities from December, the operator announced.</p>
      <div class="meta-line">By Sam Row, 3 November</div></header>${BODY}</article></main></body></html>`;
    const paragraphs = extractArticle(page).text.split('\n\n');
    assert.match(paragraphs[0]!, /^Two more trains an hour will run/);
    assert.match(paragraphs[1]!, /^The new timetable adds two trains/);
    assert.ok(!paragraphs.some((p) => p.includes('Sam Row') || p.includes('Example Rail News')));
  });

  it('takes a named intro that stands beside the body container', () => {
    const page = `<html><body><article><div class="intro"><div class="teaser-text"><p>From December two more trains an hour will run, and the last one will leave at midnight.</p></div></div>
      <div class="related-teaser"><a href="/x">Another story entirely, about the airport and its plans</a></div>${BODY}</article></body></html>`;
    const text = extractArticle(page).text;
    assert.match(text, /^From December two more trains/);
    assert.ok(!text.includes('airport'));
  });

  it('takes the subtitle of a heading group in the article header as its deck', () => {
    const page = `<html><body><main><article><header><hgroup><h1>More trains from December</h1>
      <h2>Two more trains an hour will run between the cities from December, and the last one leaves at midnight.</h2></hgroup></header>
      ${BODY}</article></main></body></html>`;
    const paragraphs = extractArticle(page).text.split('\n\n');
    assert.match(paragraphs[0]!, /^Two more trains an hour will run/);
    assert.match(paragraphs[1]!, /^The new timetable adds two trains/);
  });

  it('keeps the prose of a lead that carries a list of links to its sections, without the links', () => {
    const lead = `<div class="column"><div class="lead-text"><p>Two more trains an hour will run between the cities from December, the operator announced on Monday. Compare the times and fares before you book a season ticket for next year.</p>
      <p><strong>What does it mean for commuters?</strong></p>
      <ul><li><a href="#times">See the new departure times</a></li><li><a href="#fares">Compare the fares for each route</a></li>
      <li><a href="#staff">Read what the unions asked the operator for</a></li></ul></div></div>`;
    const page = `<html><body><div class="page"><h1>More trains from December</h1>${BODY.replace('<div class="article-body">', `<div class="article-body">${lead}`)}</div></body></html>`;
    const text = extractArticle(page).text;
    assert.match(text, /^Two more trains an hour will run/);
    assert.match(text, /What does it mean for commuters\?/);
    assert.ok(!text.includes('departure times'), text);
    assert.match(text, /The new timetable adds two trains/);
  });
});

describe('extractArticle: calls to action in other languages', () => {
  it('drops German calls to action, comment sections and rating widgets inside the article', () => {
    const page = `<html><body><article><div class="entry-content">
      <p>Die Stadt hat am Montag beschlossen, die alte Brücke über den Fluss bis zum Sommer vollständig zu sanieren.</p>
      <p><strong>Schon gelesen?</strong></p>
      <p>Die Arbeiten sollen nach Angaben der Verwaltung rund zwei Millionen Euro kosten und im März beginnen.</p>
      <span class="post-ratings">(Noch keine Bewertungen)</span>
      <p>War der Artikel nützlich?</p></div>
      <section class="kommentare"><p>Keine Kommentare bisher, schreiben Sie den ersten Beitrag zu diesem Thema.</p></section>
      </article></body></html>`;
    const text = extractArticle(page).text;
    assert.match(text, /^Die Stadt hat am Montag beschlossen/);
    assert.match(text, /im März beginnen\.$/);
    for (const furniture of ['Schon gelesen', 'Bewertungen', 'nützlich', 'Keine Kommentare'])
      assert.ok(!text.includes(furniture), furniture);
  });
});

describe('extractArticle: folded content', () => {
  it('keeps accordion panels marked up as an ARIA tab list, and drops a row of tabs', () => {
    const page = `<html><body><div class="tabs" role="tablist"><a href="#a">Overview</a> <a href="#b">Prices</a></div>
      <div class="article-body"><p>Leasing and buying a car on credit both spread the cost, but they differ in who owns the car at the end.</p>
      <ul class="accordion" role="tablist"><li><h3>Is leasing cheaper?</h3><div class="panel"><p>Monthly payments are usually lower, because you pay only for the loss of value during the contract, not for the whole car.</p></div></li>
      <li><h3>Who pays for repairs?</h3><div class="panel"><p>With most leasing contracts the driver pays for wear and repairs, while the leasing company stays the owner of the car.</p></div></li></ul>
      <p>Which suits you better depends mostly on how long you mean to keep the car and how far you drive each year.</p></div></body></html>`;
    const text = extractArticle(page).text;
    assert.match(text, /Monthly payments are usually lower/);
    assert.match(text, /the leasing company stays the owner/);
    assert.ok(!text.includes('Overview'));
  });
});

describe('extractArticle: classes that hide something else', () => {
  it('keeps a CMS field whose label is hidden inside a block hidden from print only; drops a hidden block', () => {
    const page = `<html><body><div class="region"><div class="col-md-8 hidden-print"><div class="field field--name-body field--label-hidden field__items">
      <p>The parliament voted on Thursday to end the state of emergency, which had given the government wide powers for two years.</p>
      <p>Opposition members said the decision was overdue, while the minister warned that some measures might have to return in winter.</p>
      <p>The emergency rules allowed the cabinet to close schools, limit gatherings and move money between budgets without a vote.</p>
      <p>A court is to rule next month on whether the decrees issued under those rules were lawful, the lawyers for the opposition said.</p></div></div>
      <div class="col-md-4"><p>Weather: rain in the north on Friday, with sunny spells in the south and temperatures around ten degrees, forecasters said today.</p>
      <p>Markets: shares closed slightly higher on Thursday, led by banks and energy companies, while the currency was little changed overall.</p>
      <p>Sport: the national team won its qualifying match on Wednesday evening and will play the final round in the capital next month.</p>
      <p>Culture: the city museum opens its winter exhibition of landscape paintings on Saturday, with free entry for children under twelve.</p></div>
      <div class="hidden"><p>This paragraph is hidden from every reader of the page and should never be taken as article text.</p></div>
      </div></body></html>`;
    const text = extractArticle(page).text;
    assert.match(text, /^The parliament voted on Thursday/);
    assert.match(text, /the lawyers for the opposition said\./);
    assert.ok(!text.includes('hidden from every reader'));
  });
});

describe('extractArticle: titles without the site name', () => {
  const body =
    '<body><article><p>The museum reopened on Sunday after a year of building work on its roof and halls.</p></article></body>';

  it('takes the headline when the declared title is the headline plus the site name', () => {
    const page = `<html><head><meta property="og:title" content="Museum reopens after a year | City Post"></head>${body.replace('<article>', '<article><h1>Museum reopens after a year</h1>')}</html>`;
    assert.equal(extractArticle(page).title, 'Museum reopens after a year');
  });

  it('drops a title segment that is the declared site name, and keeps other separators', () => {
    const named = `<html><head><title>City Post – Museum reopens after a year</title><meta property="og:site_name" content="City Post"></head>${body}</html>`;
    assert.equal(extractArticle(named).title, 'Museum reopens after a year');
    const plain = `<html><head><title>Museum reopens: a year of work - and a new roof</title></head>${body}</html>`;
    assert.equal(extractArticle(plain).title, 'Museum reopens: a year of work - and a new roof');
  });
});

describe('extractArticle: dates shown on the page', () => {
  const body =
    '<p>The museum reopened on Sunday after a year of building work on its roof and its halls.</p>';

  it('reads a date from an element named for it, skipping update dates', () => {
    const page = `<html><body><article><span class="date-updated">Aktualisiert: 05.12.2021</span>
      <div class="meta"><span class="meta__date">Veröffentlicht am 03.11.2021, 09:15</span></div>${body}</article></body></html>`;
    assert.equal(extractArticle(page).publishedAt?.slice(0, 16), '2021-11-03T09:15');
  });

  it('reads an RDFa publication date from its content attribute', () => {
    const page = `<html><body><article><span property="schema:dateCreated" content="2023-10-06T03:46:34+00:00">6 Oct</span>${body}</article></body></html>`;
    assert.equal(extractArticle(page).publishedAt?.slice(0, 10), '2023-10-06');
  });
});
