// Class/id/role vocabularies that say what a block is for. They are generic web conventions
// (CMS themes, ad and comment widgets, consent tools), never tuned to one site.
import type { DomElement } from './html.dom.ts';

/** Markup that never carries article text: removed before anything is scored. */
export const NEVER_TEXT = new Set(
  'script style noscript template svg math canvas iframe object embed audio video source track picture img map input button select option textarea link meta head title dialog nav menu figcaption'.split(
    ' ',
  ),
);

/** Page furniture: removed unless it holds most of the page's prose (some themes wrap all in them). */
export const FURNITURE = new Set(['header', 'footer', 'aside', 'form']);

// Roles of landmarks that are not the article.
export const BOILERPLATE_ROLES =
  /^(?:navigation|banner|complementary|contentinfo|dialog|alertdialog|menu|menubar|search|toolbar|tablist)$/i;

// Blocks that are furniture whatever else their names say (`related-content` is still related).
const STRONG_BOILERPLATE =
  /(?:^|[^a-z])(?:comment|kommentar|comentario|commentaire|rating|disqus|cookie|consent|gdpr|cmp-|newsletter|subscri|signup|sign-up|related|recommend|more-stories|read-?more|also-?read|outbrain|taboola|share|sharing|social|follow-us|breadcrumb|sponsor|promo|advert|ad-slot|ad-container|adunit|ad-unit|dfp|modal|popup|overlay|sidebar|skip-link|visually-hidden|sr-only|screen-reader|print-only|author-?(?:bio|box|info|description|profile)|authorbox|about-the-author|about-author|(?:img|image|photo|bild)[-_]?(?:desc|unterschrift|credit|info)|tags|tag-list|keywords|trending|most-popular|mostread|most-read|toolbar|byline|dateline|timestamp|caption|credit|copyright|masthead|site-header|site-footer|navbar|nav-|menu|pagination|pager|jump-link)/;
// Readability's long-standing negatives, used when no positive name rescues the block.
const WEAK_BOILERPLATE =
  /-ad-|ai2html|banner|combx|community|cover-wrap|extra|footer|header|legends|remark|replies|rss|shoutbox|skyscraper|supplemental|ad-break|agegate|yom-remote|widget|meta|hidden/;
const CONTENT_NAME = /and|article|body|column|content|main|mathjax|shadow|story|entry|post-text|text/;
const EMBED = /embed|tweet|instagram-media|telegram-post/;
const AD_TOKEN = /(?:^|[\s_-])(?:ad|ads|adv|advert)(?:$|[\s_-])/;

const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story/;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/;

// Class tokens that say "hidden" of something else: a field's label (Drupal's field--label-hidden),
// overflow, or one screen size only (hidden-xs): the block itself is shown.
const NOT_HIDDEN_TOKEN =
  /^(?:.*label-hidden|.*overflow-hidden|(?:.*-)?hidden-(?:xs|sm|md|lg|xl|xxl|print|mobile|tablet|desktop|phone)(?:-.*)?)$/;

const withoutShownTokens = (value: string): string =>
  value
    .split(/\s+/)
    .filter((token) => !NOT_HIDDEN_TOKEN.test(token))
    .join(' ');

/** The element's class and id, lower-cased, as one string. */
export function nameOf(element: DomElement): string {
  const cls = element.getAttribute('class') ?? '';
  const id = element.getAttribute('id') ?? '';
  return withoutShownTokens(`${cls} ${id}`.toLowerCase().trim());
}

/** Whether an element's names mark it as an embedded post (a tweet, say) that the article quotes. */
export function looksLikeEmbed(name: string): boolean {
  return EMBED.test(name);
}

/** Whether an element's names mark it as furniture (navigation, ads, comments, sharing, consent). */
export function looksLikeBoilerplate(name: string): boolean {
  // Embedded posts (tweets, Telegram, Instagram) quoted by the article are part of its text.
  if (name === '' || EMBED.test(name)) return false;
  if (STRONG_BOILERPLATE.test(name) || AD_TOKEN.test(name)) return true;
  return WEAK_BOILERPLATE.test(name) && !CONTENT_NAME.test(name);
}

/** Readability's class weight: +25 for an article-like name, -25 for a furniture-like one, per attribute. */
export function classWeight(element: DomElement): number {
  let weight = 0;
  for (const attribute of ['class', 'id']) {
    const value = withoutShownTokens(element.getAttribute(attribute)?.toLowerCase() ?? '');
    if (!value) continue;
    if (NEGATIVE.test(value)) weight -= 25;
    if (POSITIVE.test(value)) weight += 25;
  }
  return weight;
}
