// Small synthetic pages written for these tests.

export const NEWS_PAGE = `<!doctype html>
<html lang="en-GB">
<head>
  <title>Harbour bridge reopens after repairs | The Daily Example</title>
  <meta property="og:title" content="Harbour bridge reopens after repairs">
  <meta property="og:image" content="/img/bridge.jpg">
  <meta name="author" content="Jane Writer">
  <meta property="article:published_time" content="2024-11-26T09:15:00+03:00">
  <meta property="article:modified_time" content="2024-11-26T12:00:00+03:00">
  <link rel="canonical" href="/news/harbour-bridge">
  <style>.article p { color: red; } body::after { content: "STYLE-LEAK"; }</style>
  <script>window.analytics = "HEAD-SCRIPT-LEAK";</script>
</head>
<body>
  <div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies or manage your settings in the privacy centre.</div>
  <header class="site-header"><a href="/">The Daily Example</a></header>
  <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture and entertainment news</a></li></ul></nav>
  <main>
    <article class="article">
      <h1>Harbour bridge reopens after repairs</h1>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
      <div class="article-body">
        <p>The harbour bridge reopened to traffic on Tuesday morning, three months after engineers closed it to replace corroded cables, the city council said.</p>
        <p>Engineers replaced forty-two cables and resurfaced the deck, working in shifts through the night so that ferry services, which carried commuters in the meantime, were not disrupted.</p>
        <script>document.write("INLINE-SCRIPT-LEAK");</script>
        <p>"We are grateful for the patience of residents," the mayor told reporters at the opening, adding that the final cost was below the original estimate.</p>
        <h2>What changes for drivers</h2>
        <p>Heavy lorries will be limited to one lane, and the speed limit on the bridge is lowered to forty kilometres an hour until the spring inspection.</p>
      </div>
      <aside class="related-articles">
        <h3>Related stories</h3>
        <ul>
          <li><a href="/a">Ferry operators report record passenger numbers during closure</a></li>
          <li><a href="/b">Council approves budget for the coming financial year</a></li>
        </ul>
      </aside>
    </article>
    <section id="comments" class="comments">
      <h3>3 comments</h3>
      <div class="comment"><p>Finally! The detour via the ring road added forty minutes to my commute every single day.</p></div>
      <div class="comment"><p>Shame it took so long, and nobody explained why the work overran, as far as I can tell.</p></div>
    </section>
  </main>
  <footer class="site-footer"><p>© 2024 The Daily Example. All rights reserved, no part of this site may be reproduced.</p></footer>
</body>
</html>`;

export const JSON_LD_PAGE = `<html><head>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Example"},
  {"@type":["NewsArticle"],"headline":"Graph headline","datePublished":"2024-11-26T08:00:00+03:00",
   "dateModified":"2024-11-27T10:30:00+03:00","author":[{"@type":"Person","name":"Ivan Petrov"},{"@type":"Person","name":"Anna Smirnova"}],
   "image":[{"@type":"ImageObject","url":"https://example.org/lead.jpg"}]}
]}
</script>
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
</head><body><article><p>Body text that is long enough to be counted as a paragraph of the article itself.</p></article></body></html>`;

export const MALFORMED_JSON_LD_PAGE = `<html><head>
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-11-26T08:00:00+03:00",,, </script>
<script type="application/ld+json">not json at all</script>
<meta property="article:published_time" content="2024-11-25T18:45:00+01:00">
</head><body><p>Short page.</p></body></html>`;

export const TIME_PAGE = `<html><body><article>
<p class="meta"><time datetime="2023-05-04T07:08:09Z">4 May</time></p>
<p>Text of an article that states its time only in a time element, as many small sites do.</p>
</article></body></html>`;

export const CYRILLIC_PAGE = `<!doctype html>
<html lang="ru-RU"><head><meta charset="utf-8"><title>Новости дня</title></head>
<body>
<div class="menu"><a href="/">Главная</a> <a href="/politika">Политика</a> <a href="/ekonomika">Экономика</a></div>
<div class="content">
  <div class="text">
    <p>В понедельник в Москве прошло заседание, на котором обсуждались вопросы развития транспорта, строительства и городского хозяйства.</p>
    <p>Участники заседания отметили, что новые станции метро откроются в следующем году, а ремонт дорог будет завершён к осени.</p>
    <p>По словам представителей мэрии, финансирование программы сохранится в полном объёме, несмотря на рост цен на материалы.</p>
    <p><strong>Подписывайтесь на наш канал в Telegram</strong>, чтобы первыми узнавать новости.</p>
  </div>
  <div class="social-share"><a href="#">ВКонтакте</a> <a href="#">Telegram</a></div>
</div>
<div class="footer">Все права защищены. Перепечатка материалов без ссылки на источник запрещена.</div>
</body></html>`;

export const SCRIPT_SHELL_PAGE = `<html lang="ru"><head>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Заголовок","datePublished":"2024-11-26T10:00:00+03:00",
"articleBody":"Первый абзац статьи, который есть только в разметке JSON-LD.\\n\\nВторой абзац: <b>жирный</b> текст и продолжение, чтобы текст был длиннее оболочки страницы."}
</script></head>
<body><div id="app">Загрузка…</div><script src="/bundle.js"></script></body></html>`;

export const SIDEBAR_TIME_PAGE = `<html><body>
<aside class="latest"><time datetime="2024-01-02T03:04:05Z">2 Jan</time> <a href="/x">Older story</a></aside>
<article><header><time datetime="2024-11-26T09:15:00+03:00">26 Nov</time></header>
<p>The article's own text, long enough to be a paragraph of its own for the extractor.</p></article>
</body></html>`;

// Article text split over sibling blocks, with inline teasers for other stories between them
// (a layout common on Russian news sites).
export const SPLIT_BLOCKS_PAGE = `<!doctype html>
<html lang="ru"><head><title>Заседание комиссии</title>
<meta property="article:published_time" content="2024-11-26T09:15:00+03:00"></head>
<body>
<div class="header"><a href="/">Новости</a> <a href="/politics/">Политика</a> <a href="/world/">В мире</a></div>
<div class="layout-article">
  <div class="article">
    <div class="article__header"><h1 class="article__title">Комиссия обсудила бюджет</h1>
      <div class="article__info-date"><a href="/20241126/">09:15 26.11.2024</a></div></div>
    <div class="article__body">
      <div class="article__block" data-type="text"><div class="article__text">МОСКВА, 26 ноя — Комиссия по бюджету обсудила проект расходов на следующий год, сообщил председатель комиссии.</div></div>
      <div class="article__block" data-type="text"><div class="article__text">По его словам, основные статьи расходов сохранятся, а дополнительные средства направят на ремонт школ и больниц.</div></div>
      <div class="article__block" data-type="article"><div class="article__article"><a href="/20241125/other.html"><span class="elem-info">25 ноября, 18:00</span><span class="title">Правительство утвердило план на следующий год</span></a></div></div>
      <div class="article__block" data-type="text"><div class="article__text">Окончательное решение, как ожидается, будет принято на заседании в декабре, после консультаций с регионами.</div></div>
      <div class="article__block" data-type="text"><div class="article__text"><strong>Читайте также:</strong> <a href="/20241120/x.html">Эксперты оценили проект бюджета</a></div></div>
    </div>
    <div class="article__tags"><a href="/tag_budget/">Бюджет</a> <a href="/tag_russia/">Россия</a></div>
    <div class="article__social"><a href="#">Поделиться</a></div>
  </div>
  <div class="sidebar"><div class="list"><a href="/a">Главные новости дня и другие заголовки о событиях</a><a href="/b">Ещё один заголовок из ленты новостей сайта</a></div></div>
</div>
</body></html>`;
