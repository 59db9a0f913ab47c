// The search analyzer: words → folded, stemmed terms. The stemmer is chosen per word by its script
// (Cyrillic → Snowball Russian, Latin → Snowball English), not by the document's language, so that
// a query analyzed without knowing any language produces the same terms as the documents it should
// find, and a Latin name inside a Russian article is stemmed like the same name in an English one.
import snowball from 'snowball-stemmers';
import { foldForSearch } from './normalize.ts';

export interface Token {
  /** The word as it appears in the text. */
  surface: string;
  /** Folded and stemmed: what the index stores. */
  term: string;
  start: number;
  end: number;
}

const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

// Letters and digits, with inner apostrophes or hyphens kept so `Kim Jong-un` stays one token
// in the surface while the hyphen splits it for indexing below.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const HAN = /\p{Script=Han}/u;

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

export function stemTerm(folded: string): string {
  const cached = stemCache.get(folded);
  if (cached !== undefined) return cached;
  let stem = folded;
  if (folded.length > 2) {
    if (CYRILLIC.test(folded)) stem = russian.stem(folded);
    else if (LATIN.test(folded)) stem = english.stem(folded.replace(/['’]s$/, ''));
  }
  if (stemCache.size > STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(folded, stem);
  return stem;
}

// Words repeat (a post's vocabulary is mostly the corpus's): folding and stemming once per
// distinct surface form halves the cost of indexing a document.
const termCache = new Map<string, string>();

function termOf(surface: string): string {
  let term = termCache.get(surface);
  if (term === undefined) {
    term = stemTerm(foldForSearch(surface.replace(/’/g, "'")));
    if (termCache.size > STEM_CACHE_LIMIT) termCache.clear();
    termCache.set(surface, term);
  }
  return term;
}

/** Splits text into index tokens. Han text is indexed per character (no segmenter is bundled). */
export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const surface = match[0];
    const start = match.index;
    if (HAN.test(surface)) {
      let offset = 0;
      for (const char of surface) {
        const folded = foldForSearch(char);
        tokens.push({
          surface: char,
          term: folded,
          start: start + offset,
          end: start + offset + char.length,
        });
        offset += char.length;
      }
      continue;
    }
    tokens.push({ surface, term: termOf(surface), start, end: start + surface.length });
  }
  return tokens;
}

// Case endings of Russian nouns, adjectives and surnames. Snowball stems proper names unevenly
// (`Пхеньян` → `пхенья` but `Пхеньяне` → `пхеньян`), so a query word is expanded into the stems of
// its plausible inflected forms, and any of them matches.
const RUSSIAN_ENDINGS = [
  '',
  'а',
  'я',
  'у',
  'ю',
  'ом',
  'ем',
  'ой',
  'ей',
  'е',
  'и',
  'ы',
  'ов',
  'ев',
  'ам',
  'ям',
  'ами',
  'ями',
  'ах',
  'ях',
  'ого',
  'его',
  'ому',
  'ему',
  'ым',
  'им',
  'ую',
  'ая',
  'ий',
  'ый',
  'ой',
  'ия',
  'ии',
  'ию',
  'ь',
  'ью',
];
const MIN_BASE = 4;

/** The stems a query word may take in the index: itself and those of its inflected forms. */
export function queryStems(folded: string): string[] {
  const primary = stemTerm(folded);
  if (!CYRILLIC.test(folded) || folded.length < MIN_BASE) return [primary];
  const stems = new Set<string>();
  const bases = new Set([folded]);
  for (const ending of RUSSIAN_ENDINGS) {
    if (ending && folded.endsWith(ending) && folded.length - ending.length >= MIN_BASE) {
      bases.add(folded.slice(0, -ending.length));
    }
  }
  for (const base of bases) for (const ending of RUSSIAN_ENDINGS) stems.add(stemTerm(base + ending));
  // Stems much shorter than the word would match unrelated words; keep those within two letters.
  const related = [...stems].filter(
    (stem) => stem !== primary && stem.length >= MIN_BASE && stem.length >= folded.length - 3,
  );
  return [primary, ...related];
}

/** The index form of a text: its terms joined by spaces. */
export function indexForm(text: string): string {
  return analyze(text)
    .map((token) => token.term)
    .join(' ');
}
