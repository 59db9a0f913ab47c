// Main-text extraction: readability-style content scoring over a DOM whose text statistics are
// computed once per pass (linkedom recomputes textContent on every call, so we never ask it), with
// boilerplate removed by tag, role, class/id and visibility before scoring, and link-dense or
// furniture-like blocks dropped again while the chosen container is written out as paragraphs.
import {
  FURNITURE,
  NEVER_TEXT,
  BOILERPLATE_ROLES,
  classWeight,
  looksLikeBoilerplate,
  looksLikeEmbed,
  nameOf,
} from './boilerplate.patterns.ts';
import { BLOCK_MODEL, blockProbability } from './block.model.ts';
import type { BlockModel } from './block.model.ts';
import { isElement, isText } from './html.dom.ts';
import type { DomElement, DomNode } from './html.dom.ts';

const words = (list: string): Set<string> => new Set(list.split(/\s+/));

const BLOCK = words(
  'address article aside blockquote body center dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul html',
);
const HEADING = words('h1 h2 h3 h4 h5 h6');
// Containers that may hold furniture inside an article, checked again when written out.
const CONDITIONAL = words('div section ul ol table form fieldset aside figure dl header footer');
// Containers readability scores directly; other blocks count only through their own prose.
const SCORED_BLOCKS = words('p pre td blockquote section h2 h3 h4 h5 h6 div article main dd font center');
const COMMA = /[,\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;
const MIN_PARAGRAPH = 25;
// Real pages nest a few dozen levels; broken markup (thousands of unclosed tags) could nest deep
// enough to exhaust the stack of these recursive walks, so anything deeper is dropped as noise.
const MAX_DEPTH = 1000;
const TEASER_LINK_DENSITY = 0.7;
const KEEP_PROSE = 150;

interface Stats {
  /** Characters of collapsed text in the subtree. */
  text: number;
  /** Characters of that text inside links. */
  link: number;
  commas: number;
  /** Text that belongs to this block itself (direct text and inline children, not child blocks). */
  own: number;
  ownCommas: number;
  hasBlock: boolean;
  paragraphs: number;
  headingText: number;
  listText: number;
  /** Characters in prose paragraphs (a paragraph's worth of text, few links) in the subtree. */
  prose: number;
  score: number;
  candidate: boolean;
}

const textLength = (data: string): number => {
  const trimmed = data.trim();
  if (trimmed === '') return 0;
  // Count collapsed whitespace runs as one character each.
  let length = trimmed.length;
  const runs = trimmed.match(/\s{2,}/g);
  if (runs) for (const run of runs) length -= run.length - 1;
  return length;
};

const countCommas = (data: string): number => data.match(COMMA)?.length ?? 0;

function emptyStats(): Stats {
  return {
    text: 0,
    link: 0,
    commas: 0,
    own: 0,
    ownCommas: 0,
    hasBlock: false,
    paragraphs: 0,
    headingText: 0,
    listText: 0,
    prose: 0,
    score: 0,
    candidate: false,
  };
}

/** Text statistics for every element under `root`, in one post-order walk. */
function measure(root: DomElement): Map<DomElement, Stats> {
  const stats = new Map<DomElement, Stats>();
  const visit = (element: DomElement, inLink: boolean, depth: number): Stats => {
    const s = emptyStats();
    const tag = element.localName;
    const linkHere = inLink || tag === 'a';
    for (let child: DomNode | null = element.firstChild; child; child = child.nextSibling) {
      if (isText(child)) {
        const length = textLength(child.data);
        if (length === 0) continue;
        const commas = countCommas(child.data);
        s.text += length + 1;
        s.own += length + 1;
        s.commas += commas;
        s.ownCommas += commas;
        if (linkHere) s.link += length + 1;
      } else if (isElement(child) && depth < MAX_DEPTH && !NEVER_TEXT.has(child.localName)) {
        const c = visit(child, linkHere, depth + 1);
        const childTag = child.localName;
        s.text += c.text;
        s.link += c.link;
        s.commas += c.commas;
        s.paragraphs += c.paragraphs + (childTag === 'p' ? 1 : 0);
        s.headingText += HEADING.has(childTag) ? c.text : c.headingText;
        s.listText += childTag === 'li' ? c.text : c.listText;
        s.prose += isProse(childTag, c) ? c.text : c.prose;
        if (BLOCK.has(childTag) || c.hasBlock || childTag === 'br') {
          s.hasBlock ||= BLOCK.has(childTag) || c.hasBlock;
        } else {
          s.own += c.own;
          s.ownCommas += c.ownCommas;
        }
      }
    }
    stats.set(element, s);
    return s;
  };
  visit(root, false, 0);
  return stats;
}

const linkDensity = (s: Stats): number => (s.text === 0 ? 0 : s.link / s.text);

// A paragraph of the article rather than a teaser, a label or a list of links.
const PROSE_PARAGRAPH = 80;
const isProse = (tag: string, s: Stats): boolean =>
  (tag === 'p' || (BLOCK.has(tag) && !s.hasBlock && tag !== 'li' && !HEADING.has(tag))) &&
  s.text >= PROSE_PARAGRAPH &&
  linkDensity(s) < 0.25;

function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return (
    element.getAttribute('aria-hidden') === 'true' &&
    !/fallback-image/.test(element.getAttribute('class') ?? '')
  );
}

interface Options {
  /** Remove blocks by class/id names and furniture tags (off in the retry pass). */
  stripByName: boolean;
  /** Remove <footer> and <aside> blocks, names aside (still on in the first retry). */
  stripFooters: boolean;
  /** Drop link-dense and furniture-weighted blocks while writing out (off in the last retry). */
  cleanConditionally: boolean;
}

/**
 * Removes markup that is never text, then (when asked) furniture by tag, role, class/id and
 * visibility. A block that holds most of the page's prose is kept whatever its name says.
 */
function strip(body: DomElement, options: Options): void {
  const before = options.stripByName || options.stripFooters ? measure(body) : null;
  const bodyText = before?.get(body)?.text ?? 0;
  const doomed: DomElement[] = [];
  const walk = (element: DomElement, depth: number, inArticle: boolean): void => {
    for (let child: DomNode | null = element.firstChild; child; child = child.nextSibling) {
      if (!isElement(child)) continue;
      const tag = child.localName;
      if (NEVER_TEXT.has(tag) || depth >= MAX_DEPTH) {
        doomed.push(child);
        continue;
      }
      if (before && tag !== 'article' && tag !== 'main' && tag !== 'body') {
        const role = child.getAttribute('role');
        // An article's own <header> holds its headline and lead, not the site's masthead; what
        // else it holds (bylines, sharing) goes by name below.
        const articleHeader = tag === 'header' && inArticle;
        const furniture = !options.stripByName
          ? tag === 'footer' || tag === 'aside'
          : (FURNITURE.has(tag) && !articleHeader) ||
            isHidden(child) ||
            (role !== null &&
              BOILERPLATE_ROLES.test(role) &&
              !(role === 'tablist' && holdsPanels(before.get(child)))) ||
            looksLikeBoilerplate(articleHeader ? nameOf(child).replace(/header/g, '') : nameOf(child));
        if (furniture) {
          const s = before.get(child);
          const holdsProse =
            s !== undefined && s.text > 0.4 * bodyText && s.paragraphs >= 3 && linkDensity(s) < 0.3;
          if (!holdsProse) {
            doomed.push(child);
            continue;
          }
        }
      }
      walk(child, depth + 1, inArticle || tag === 'article' || tag === 'main');
    }
  };
  walk(body, 0, false);
  for (const element of doomed) element.remove();
}

// Accordions (FAQ answers, chapters folded away) are marked up as ARIA tab lists too; a row of
// tabs is a few short links, a list holding its panels' prose is part of the article.
const holdsPanels = (s: Stats | undefined): boolean =>
  s !== undefined && s.text >= 300 && linkDensity(s) < 0.3;

function initialScore(element: DomElement): number {
  let score = classWeight(element);
  switch (element.localName) {
    case 'div':
      score += 5;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      score += 3;
      break;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      score -= 3;
      break;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      score -= 5;
      break;
    default:
      break;
  }
  return score;
}

/** Readability's scoring: each paragraph feeds its ancestors, nearer ones more. */
function score(body: DomElement, stats: Map<DomElement, Stats>): DomElement[] {
  const candidates: DomElement[] = [];
  const walk = (element: DomElement): void => {
    for (let child: DomNode | null = element.firstChild; child; child = child.nextSibling) {
      if (!isElement(child)) continue;
      const s = stats.get(child);
      if (!s) continue;
      const tag = child.localName;
      const paragraphLike =
        SCORED_BLOCKS.has(tag) ||
        (!BLOCK.has(tag) && !s.hasBlock && s.own >= MIN_PARAGRAPH && stats.get(element)?.hasBlock === true);
      if (paragraphLike && s.own >= MIN_PARAGRAPH) {
        const contribution = 1 + s.ownCommas + Math.min(Math.floor(s.own / 100), 3);
        // Prose mixed with child blocks is its own paragraph container (readability wraps such runs in
        // <p>); a block of pure prose is a paragraph, and its parent the container.
        let ancestor: DomNode | null = s.hasBlock ? child : child.parentNode;
        for (let level = 0; level < 5 && ancestor && isElement(ancestor); level++) {
          const a = stats.get(ancestor);
          if (!a) break;
          if (!a.candidate) {
            a.candidate = true;
            a.score = initialScore(ancestor);
            candidates.push(ancestor);
          }
          a.score += contribution / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
          ancestor = ancestor.parentNode;
        }
      }
      if (s.hasBlock) walk(child);
    }
  };
  walk(body);
  return candidates;
}

const finalScore = (s: Stats): number => s.score * (1 - linkDensity(s));

interface Ranked {
  element: DomElement;
  score: number;
}

const RANKED = 5;

/** The best-scored candidates, best first. */
function rank(stats: Map<DomElement, Stats>, candidates: DomElement[]): Ranked[] {
  return candidates
    .map((element) => ({ element, score: finalScore(stats.get(element)!) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, RANKED);
}

/** The container of the article: a ranked candidate (the best unless told), widened where the page splits it. */
function pickTop(body: DomElement, stats: Map<DomElement, Stats>, ranked: Ranked[], index = 0): DomElement {
  const first = ranked[index];
  if (!first || first.element === body) return body;
  let top = first.element;
  const topScore = first.score;

  // Several strong candidates under one ancestor: the article is split, take the ancestor.
  const strong = ranked.filter((c, i) => i !== index && c.score / topScore >= 0.75).map((c) => c.element);
  if (strong.length >= 3) {
    for (
      let parent = top.parentNode;
      parent && isElement(parent) && parent !== body;
      parent = parent.parentNode
    ) {
      const containing = strong.filter((c) => contains(parent, c)).length;
      if (containing >= 3) {
        top = parent;
        break;
      }
    }
  }

  // A parent scoring better than its best child holds more of the article.
  let lastScore = finalScore(stats.get(top)!);
  const threshold = lastScore / 3;
  for (
    let parent = top.parentNode;
    parent && isElement(parent) && parent !== body;
    parent = parent.parentNode
  ) {
    const p = stats.get(parent);
    if (!p || !p.candidate) continue;
    const parentScore = finalScore(p);
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }

  // An only child says nothing its parent does not.
  for (
    let parent = top.parentNode;
    parent && isElement(parent) && parent !== body;
    parent = parent.parentNode
  ) {
    if (elementChildren(parent).length !== 1) break;
    top = parent;
  }
  return top;
}

function contains(ancestor: DomElement, node: DomNode): boolean {
  for (let n: DomNode | null = node; n; n = n.parentNode) if (n === ancestor) return true;
  return false;
}

function elementChildren(element: DomElement): DomElement[] {
  const children: DomElement[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling)
    if (isElement(child)) children.push(child);
  return children;
}

/** The top container and those of its siblings that read like more of the same article. */
function gather(top: DomElement, stats: Map<DomElement, Stats>): DomElement[] {
  const parent = top.parentNode;
  if (!parent || !isElement(parent) || top.localName === 'body') return [top];
  const topStats = stats.get(top)!;
  const topScore = finalScore(topStats);
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.getAttribute('class') ?? '';
  const kept: DomElement[] = [];
  for (const sibling of elementChildren(parent)) {
    if (sibling === top) {
      kept.push(sibling);
      continue;
    }
    const s = stats.get(sibling);
    if (!s) continue;
    const sameKind = topClass !== '' && sibling.getAttribute('class') === topClass;
    const bonus = sameKind ? topScore * 0.2 : 0;
    if (s.candidate && finalScore(s) + bonus >= threshold) {
      kept.push(sibling);
    } else if (sameKind && s.paragraphs > 0 && s.text > 100 && linkDensity(s) < 0.3) {
      // The article continued in another section of the same kind (too far from its paragraphs
      // to have been scored).
      kept.push(sibling);
    } else if (sibling.localName === 'p' || (!s.hasBlock && s.own > 0)) {
      const density = linkDensity(s);
      if (s.text > 80 && density < 0.25) kept.push(sibling);
      else if (s.text <= 80 && s.text > 0 && density === 0 && /\.( |$)/.test(collapsedText(sibling)))
        kept.push(sibling);
    }
  }
  return kept;
}

function collapsedText(element: DomElement): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Whether a block inside the article is furniture after all (readability's "clean conditionally"). */
function isClutter(element: DomElement, s: Stats, stats: Map<DomElement, Stats>): boolean {
  const tag = element.localName;
  if (!CONDITIONAL.has(tag)) return false;
  if (s.text === 0) return true;
  const weight = classWeight(element);
  const candidateScore = stats.get(element)?.candidate ? s.score : 0;
  if (weight + candidateScore < 0) return true;
  if (s.commas >= 10) return false;
  const isList = tag === 'ul' || tag === 'ol' || (s.text > 0 && s.listText / s.text > 0.9);
  const density = linkDensity(s);
  if (!isList && s.headingText / s.text < 0.9 && s.text < MIN_PARAGRAPH) return true;
  // A block mixing prose paragraphs with a list of links (a lead and its table of contents) loses
  // the links, paragraph by paragraph, not the prose with them.
  if (!isList && weight < 25 && density > 0.2) return !(weight >= 0 && s.prose >= KEEP_PROSE);
  if (weight >= 25 && density > 0.5) return true;
  if (isList && density > 0.5) return true;
  return false;
}

// Names themes give the standfirst: the summary paragraph set apart above the body, often in the
// article's header, where the body container that scoring picks does not reach.
const LEAD_NAME =
  /(?:^|[\s_-])(?:lead|leader|lede|intro|summary|teaser|standfirst|subtitle|sub-title|subheadline|description|excerpt|abstract|chapo|dek|perex|bajada|entradilla|sumario|anriss|vorspann|sottotitolo)(?:$|[\s_-])/;
const LEAD_SCOPE_LEVELS = 6;
const MAX_LEADS = 2;

// A description of a picture is a caption, not the article's lead.
const PICTURE_NAME = /img|image|photo|picture|media|figure|caption|gallery|slide|video/;

// In a heading group, the headings after the headline are its subtitle (the deck).
const isDeck = (element: DomElement): boolean =>
  HEADING.has(element.localName) &&
  element.localName !== 'h1' &&
  (element.parentNode as DomElement | null)?.localName === 'hgroup';

const isLead = (element: DomElement, s: Stats): boolean =>
  (LEAD_NAME.test(nameOf(element)) || isDeck(element)) &&
  !PICTURE_NAME.test(nameOf(element)) &&
  s.text >= (HEADING.has(element.localName) ? 80 : 40) &&
  s.text <= 1500 &&
  linkDensity(s) < 0.25;

/** The lead paragraphs inside an article header (the rest of it is headline, byline, dates). */
function leadsWithin(element: DomElement, stats: Map<DomElement, Stats>): DomElement[] {
  const leads: DomElement[] = [];
  for (let child: DomNode | null = element.firstChild; child; child = child.nextSibling) {
    if (!isElement(child)) continue;
    const s = stats.get(child);
    if (!s || s.text === 0) continue;
    if (isLead(child, s)) leads.push(child);
    else if (s.hasBlock) leads.push(...leadsWithin(child, stats));
  }
  return leads;
}

/**
 * Lead paragraphs that stand before the chosen body within the same article (the nearest
 * <article> or <main> a few levels up), named as such and reading as prose, not links.
 */
function findLeads(top: DomElement, roots: DomElement[], stats: Map<DomElement, Stats>): DomElement[] {
  let scope: DomElement | null = null;
  let node: DomNode | null = top;
  for (let level = 0; level <= LEAD_SCOPE_LEVELS && node && isElement(node); level++) {
    if (node.localName === 'body') break;
    if (node.localName === 'article' || node.localName === 'main' || node.getAttribute('role') === 'main') {
      scope = node;
      break;
    }
    node = node.parentNode;
  }
  // No article element: the lead sits beside the body's wrapper at most.
  if (!scope) {
    const parent = top.parentNode;
    const grandparent = parent && isElement(parent) ? parent.parentNode : null;
    if (
      grandparent &&
      isElement(grandparent) &&
      grandparent.localName !== 'body' &&
      grandparent.localName !== 'html'
    )
      scope = grandparent;
  }
  if (!scope) return [];
  const first = roots[0]!;
  const leads: DomElement[] = [];
  let reached = false;
  const walk = (element: DomElement): void => {
    for (let child: DomNode | null = element.firstChild; child && !reached; child = child.nextSibling) {
      if (!isElement(child)) continue;
      if (child === first || roots.includes(child)) {
        reached = true;
        return;
      }
      const s = stats.get(child);
      if (!s || s.text === 0) continue;
      if (isLead(child, s)) {
        leads.push(child);
        if (leads.length >= MAX_LEADS) reached = true;
        continue;
      }
      if (s.hasBlock) walk(child);
    }
  };
  if (contains(first, scope) || scope === first) return [];
  walk(scope);
  return leads;
}

const PARAGRAPH_BREAK = '\u0000';
const LINE_BREAK = '\u0001';

/** Writes the chosen blocks out as text: one paragraph per block, `<br>` as a line break. */
function render(roots: DomElement[], stats: Map<DomElement, Stats>, options: Options): string {
  const out: string[] = [];
  // Inside quoted posts (tweets are mostly links and handles) link density says nothing.
  const walk = (node: DomNode, pre: boolean, quoted: boolean): void => {
    for (let child: DomNode | null = node.firstChild; child; child = child.nextSibling) {
      if (isText(child)) {
        // Source line breaks are layout, not text, except in <pre>.
        out.push(pre ? child.data.replace(/\r?\n/g, LINE_BREAK) : child.data.replace(/\s+/g, ' '));
        continue;
      }
      if (!isElement(child)) continue;
      const tag = child.localName;
      if (tag === 'br') {
        out.push(LINE_BREAK);
        continue;
      }
      const block = BLOCK.has(tag);
      const s = stats.get(child);
      const quotes =
        quoted ||
        (tag === 'blockquote' && s !== undefined && s.paragraphs > 0) ||
        looksLikeEmbed(nameOf(child));
      if (options.cleanConditionally && s && !quotes && isClutter(child, s, stats)) continue;
      if (tag === 'h1') continue;
      if (tag === 'header' && !quotes && s !== undefined && s.paragraphs < 3) {
        for (const lead of leadsWithin(child, stats)) {
          out.push(PARAGRAPH_BREAK);
          walk(lead, pre, false);
          out.push(PARAGRAPH_BREAK);
        }
        continue;
      }
      // A paragraph that is mostly link is a teaser ("READ MORE: …"), not article prose.
      if (block && s && !quotes && !s.hasBlock && s.text > 0 && s.link / s.text > TEASER_LINK_DENSITY)
        continue;
      if (block) out.push(PARAGRAPH_BREAK);
      walk(child, pre || tag === 'pre', quotes);
      if (block) out.push(PARAGRAPH_BREAK);
    }
  };
  for (const root of roots) {
    out.push(PARAGRAPH_BREAK);
    walk(root, root.localName === 'pre', false);
    out.push(PARAGRAPH_BREAK);
  }
  return out
    .join('')
    .split(PARAGRAPH_BREAK)
    .map((paragraph) =>
      paragraph
        .split(LINE_BREAK)
        .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((paragraph) => paragraph !== '' && !isBoilerplateLine(paragraph))
    .join('\n\n');
}

// Calls to action and notices that sit inside article containers: the common phrasings in English,
// Russian and the other European languages of the pages we read (never one site's wording).
const BOILERPLATE_LINE =
  /^(?:advertisement|реклама|sponsored|anzeige|werbung|publicidad)$|\b(?:subscribe|newsletters?|follow (?:us|him|her|them) on|share (?:this|it) with|sharing is caring)\b|подпис(?:ывайтесь|аться|ка) на|читайте (?:также|нас)|поделиться|присоединяйтесь к нам|^(?:schon gelesen|mehr (?:zum )?themen?|lesen sie auch|auch interessant|das könnte (?:dich|sie) auch interessieren|weitere (?:artikel|beiträge|themen|informationen)|zurück zur (?:übersicht|liste|listenansicht|startseite)|keine kommentare|lee también|te puede interesar|ver también|à lire aussi|lire aussi|leggi anche)\b|^(?:war|ist) (?:der|dieser|dieses) (?:artikel|beitrag|text) (?:hilfreich|nützlich)|(?:artikel|beitrag) teilen\b|^(?:ultima modifica|zuletzt aktualisiert|last updated)\b/i;
const SHORT_LINE = 160;

function isBoilerplateLine(paragraph: string): boolean {
  return paragraph.length <= SHORT_LINE && BOILERPLATE_LINE.test(paragraph);
}

const ATTEMPTS: Options[] = [
  { stripByName: true, stripFooters: true, cleanConditionally: true },
  { stripByName: false, stripFooters: true, cleanConditionally: true },
  { stripByName: false, stripFooters: false, cleanConditionally: false },
];
const ENOUGH_TEXT = 500;
const LITTLE_TEXT = 250;

// Blocks near the chosen container that the block model may add (the article split across
// containers: a lead in a sidebar, a paragraph run in the next page-builder row).
const SCOPE_LEVELS = 8;
const MIN_BLOCK = 25;

interface Pass {
  body: DomElement;
  stats: Map<DomElement, Stats>;
  options: Options;
  top: DomElement;
  /** Leads and gathered containers, in the order found. */
  roots: DomElement[];
}

function firstPass(body: DomElement): Pass {
  const options = ATTEMPTS[0]!;
  strip(body, options);
  const stats = measure(body);
  const top = pickTop(body, stats, rank(stats, score(body, stats)));
  const gathered = gather(top, stats);
  return { body, stats, options, top, roots: [...findLeads(top, gathered, stats), ...gathered] };
}

/** One block outside the chosen containers, with what the block model reads of it. */
export interface BlockView {
  element: DomElement;
  features: number[];
  /** The block's text as it would be written out. */
  text: string;
}

const SENTENCE_END = /[.!?…:;"»”)]$/;

/** The leaf blocks within a few levels of the chosen container that it does not already hold. */
function nearbyBlocks(pass: Pass, includeChosen = false): BlockView[] {
  const { body, stats, top, roots } = pass;
  let scope: DomElement = top;
  for (let level = 0; level < SCOPE_LEVELS; level++) {
    const parent = scope.parentNode;
    if (!parent || !isElement(parent) || parent === body || parent.localName === 'html') break;
    scope = parent;
  }
  if (scope === top) return [];
  const topText = Math.max(stats.get(top)?.text ?? 0, 1);
  const inArticle = (element: DomElement): number => {
    for (let n: DomNode | null = element; n && isElement(n); n = n.parentNode)
      if (n.localName === 'article' || n.localName === 'main' || n.getAttribute('role') === 'main') return 1;
    return 0;
  };
  const topInArticle = inArticle(top);
  const views: BlockView[] = [];
  // Blocks are visited in document order, numbered; the containers' places are noted among them.
  const rootAt: number[] = [];
  const pending: Array<{
    element: DomElement;
    s: Stats;
    path: number;
    boiler: number;
    at: number;
    depth: number;
  }> = [];
  let leaves = 0;
  const walk = (element: DomElement, path: number, boiler: number, depth: number): void => {
    for (let child: DomNode | null = element.firstChild; child; child = child.nextSibling) {
      if (!isElement(child)) continue;
      if (roots.includes(child)) {
        rootAt.push(leaves);
        if (includeChosen) walkChosen(child, path + classWeight(child), boiler, depth + 1);
        continue;
      }
      const s = stats.get(child);
      if (!s || s.text === 0) continue;
      const tag = child.localName;
      const weight = path + classWeight(child);
      const named = boiler || (looksLikeBoilerplate(nameOf(child)) ? 1 : 0);
      if (roots.some((root) => contains(child, root))) {
        walk(child, weight, named, depth + 1);
        continue;
      }
      const leaf = BLOCK.has(tag) && (!s.hasBlock || tag === 'li' || tag === 'p');
      if (leaf) {
        if (s.text >= MIN_BLOCK)
          pending.push({ element: child, s, path: weight, boiler: named, at: leaves, depth });
        leaves++;
      } else if (s.hasBlock) walk(child, weight, named, depth + 1);
    }
  };
  // Training also reads the chosen containers' own blocks (at distance 0), for examples of article text.
  const chosen = new Set<DomElement>();
  const walkChosen = (element: DomElement, path: number, boiler: number, depth: number): void => {
    for (let child: DomNode | null = element.firstChild; child; child = child.nextSibling) {
      if (!isElement(child)) continue;
      const s = stats.get(child);
      if (!s || s.text === 0) continue;
      const weight = path + classWeight(child);
      const named = boiler || (looksLikeBoilerplate(nameOf(child)) ? 1 : 0);
      const leaf =
        BLOCK.has(child.localName) && (!s.hasBlock || child.localName === 'li' || child.localName === 'p');
      if (leaf && s.text >= MIN_BLOCK) {
        chosen.add(child);
        pending.push({ element: child, s, path: weight, boiler: named, at: leaves, depth });
      } else if (s.hasBlock) walkChosen(child, weight, named, depth + 1);
    }
  };
  walk(scope, 0, 0, 1);
  const gapOf = (at: number): number =>
    rootAt.reduce((gap, root) => Math.min(gap, at < root ? root - at - 1 : at - root), 50);
  const before = (at: number): boolean => rootAt.length > 0 && at < rootAt[0]!;
  for (const p of pending) {
    const text = renderBlock(p.element, pass);
    if (text === '') continue;
    const s = p.s;
    const tag = p.element.localName;
    views.push({
      element: p.element,
      text,
      features: [
        Math.log1p(s.text),
        linkDensity(s),
        (100 * s.commas) / s.text,
        SENTENCE_END.test(text) ? 1 : 0,
        tag === 'p' ? 1 : 0,
        HEADING.has(tag) ? 1 : 0,
        tag === 'li' ? 1 : 0,
        p.path / 25,
        p.boiler,
        chosen.has(p.element) ? 0 : before(p.at) ? 1 : 0,
        chosen.has(p.element) ? 0 : Math.log1p(gapOf(p.at)),
        Math.log1p(p.depth),
        LEAD_NAME.test(nameOf(p.element)) ? 1 : 0,
        inArticle(p.element) === topInArticle ? 1 : 0,
        Math.log1p(topText),
        Math.min(s.text / topText, 2),
      ],
    });
  }
  return views;
}

function renderBlock(element: DomElement, pass: Pass): string {
  return render([element], pass.stats, pass.options);
}

/** Writes the chosen containers and added blocks out in document order. */
function renderWith(pass: Pass, added: DomElement[]): string {
  if (added.length === 0) return render(pass.roots, pass.stats, pass.options);
  const order = new Map<DomElement, number>();
  let index = 0;
  const number = (element: DomElement): void => {
    order.set(element, index++);
    for (let child = element.firstChild; child; child = child.nextSibling)
      if (isElement(child)) number(child);
  };
  number(pass.body);
  const blocks = [...pass.roots, ...added].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return render(blocks, pass.stats, pass.options);
}

/** The first pass's blocks near its chosen containers (for training the block model). */
export function blockViews(body: DomElement, includeChosen = false): { base: string; blocks: BlockView[] } {
  const pass = firstPass(body);
  return { base: render(pass.roots, pass.stats, pass.options), blocks: nearbyBlocks(pass, includeChosen) };
}

/**
 * The article's main text from a document body, paragraphs separated by a blank line. The body is
 * modified (boilerplate removed), so pass a fresh parse. Retries with gentler cleaning when the
 * first pass finds too little; a later pass's result is taken only if it is more than twice as long.
 * In the first pass the block model may add blocks near the chosen containers.
 */
export function extractMainText(
  parse: () => DomElement | null,
  model: BlockModel | null = BLOCK_MODEL,
): string {
  let best = '';
  for (const [attempt, options] of ATTEMPTS.entries()) {
    // Without conditional cleaning, comment threads and link lists come back: only worth it when
    // the cleaner passes found next to nothing.
    if (!options.cleanConditionally && best.length >= LITTLE_TEXT) break;
    const body = parse();
    if (!body) return '';
    let text: string;
    if (attempt === 0) {
      const pass = firstPass(body);
      const added = model
        ? nearbyBlocks(pass)
            .filter((view) => blockProbability(model, view.features) > model.threshold)
            .map((view) => view.element)
        : [];
      text = renderWith(pass, added);
    } else {
      strip(body, options);
      const stats = measure(body);
      const top = pickTop(body, stats, rank(stats, score(body, stats)));
      const roots = gather(top, stats);
      text = render([...findLeads(top, roots, stats), ...roots], stats, options);
    }
    if (text.length >= ENOUGH_TEXT) return text;
    // A gentler pass that adds only a little has added furniture, not the missing article.
    if (text.length > best.length * 2) best = text;
  }
  return best;
}
