// Russian morphology from the `az` package (Az.Morph: pymorphy2's analyser over the OpenCorpora
// dictionary, which ships inside the package). Used for what a tagger trained on a few hundred
// documents cannot know: a word's lemma (Германии → германия), and what the dictionary says a word
// is (a place, a given name, a surname, a patronymic, an adjective, a common noun, a function word).
// Only dictionary parses count: az also guesses unknown words from their endings, and those
// guesses (Алеппо as a given name) are noise for our purposes. Decision record: docs/decisions/0014.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One dictionary reading of a word. */
export interface WordParse {
  /** Normal form, lowercase (nominative singular for nouns, masculine for adjectives). */
  lemma: string;
  /** Part of speech (OpenCorpora POST: NOUN, ADJF, VERB, CONJ, …). */
  pos: string;
  /** OpenCorpora grammemes of the reading (Geox, Name, Surn, Patr, Orgn, Abbr, plur, nomn, …). */
  grammemes: ReadonlySet<string>;
  score: number;
}

interface AzParse {
  parser: string;
  score: number;
  tag: { POST?: string; GNdr?: string; NMbr?: string; toString(): string };
  normalize(): { word: string };
  inflect(grammemes: string[]): { word: string } | false | undefined;
}

const azParses = new WeakMap<WordParse, AzParse>();
interface AzModule {
  load: (url: string, type: string, callback: (error: unknown, data?: unknown) => void) => void;
  Morph: ((word: string, config?: object) => AzParse[]) & {
    init: (path: string, callback: (error: unknown) => void) => void;
  };
}

let az: AzModule | null = null;

/**
 * Loads the dictionaries synchronously (about 0.3 s, once per process). az reads its files through
 * `Az.load` with callbacks and counts outstanding loads; we read each file synchronously, queue
 * its callback, and run the queue after `init` has registered every load, so that the counting
 * works as it would asynchronously and recognition can stay a synchronous function.
 */
function morph(): AzModule['Morph'] {
  if (az) return az.Morph;
  const require = createRequire(import.meta.url);
  const module = require('az') as AzModule;
  const dicts = join(dirname(require.resolve('az/package.json')), 'dicts');
  const queue: Array<() => void> = [];
  module.load = (url, type, callback) => {
    let data: unknown;
    try {
      const bytes = readFileSync(url);
      data =
        type === 'json'
          ? JSON.parse(bytes.toString('utf8'))
          : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    } catch (error) {
      queue.push(() => callback(error));
      return;
    }
    queue.push(() => callback(null, data));
  };
  let failure: unknown = null;
  module.Morph.init(dicts, (error) => {
    failure = error;
  });
  while (queue.length > 0) queue.shift()!();
  if (failure) throw new Error(`az dictionaries in ${dicts} could not be loaded`, { cause: failure });
  az = module;
  return module.Morph;
}

const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly WordParse[]>();

/** Dictionary readings of one word (case-insensitive), most probable first; [] when unknown. */
export function russianParses(word: string): readonly WordParse[] {
  const key = word.toLowerCase();
  let parses = cache.get(key);
  if (parses === undefined) {
    parses = /\p{Script=Cyrillic}/u.test(key) ? analyze(key) : [];
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, parses);
  }
  return parses;
}

function analyze(word: string): WordParse[] {
  const out: WordParse[] = [];
  for (const parse of morph()(word, { parsers: ['Dictionary'], typos: 0, stutter: 0, ignoreCase: true })) {
    if (parse.parser !== 'Dictionary') continue;
    const grammemes = new Set(parse.tag.toString().split(/[ ,]/));
    const reading: WordParse = {
      lemma: parse.normalize().word.toLowerCase(),
      pos: parse.tag.POST ?? '',
      grammemes,
      score: parse.score,
    };
    azParses.set(reading, parse);
    out.push(reading);
  }
  return out.sort((a, b) => b.score - a.score);
}

const PERSON_GRAMMEMES = ['Name', 'Surn', 'Patr'];
const PROPER_GRAMMEMES = ['Name', 'Surn', 'Patr', 'Geox', 'Orgn', 'Trad'];
const FUNCTION_POS = new Set([
  'ADVB',
  'CONJ',
  'PRCL',
  'PREP',
  'NPRO',
  'PRED',
  'INTJ',
  'VERB',
  'INFN',
  'GRND',
  'COMP',
]);

const some = (word: string, test: (p: WordParse) => boolean): boolean => russianParses(word).some(test);
const every = (word: string, test: (p: WordParse) => boolean): boolean => {
  const parses = russianParses(word);
  return parses.length > 0 && parses.every(test);
};

/** The dictionary knows the word as a place name (Крым, Ливаном, Курахово). */
export function isKnownPlace(word: string): boolean {
  return some(word, (p) => p.grammemes.has('Geox') && p.pos === 'NOUN');
}

/** The dictionary knows the word as a given name, surname or patronymic. */
export function isKnownPersonName(word: string): boolean {
  return some(word, (p) => PERSON_GRAMMEMES.some((g) => p.grammemes.has(g)));
}

export function isGivenName(word: string): boolean {
  return some(word, (p) => p.grammemes.has('Name'));
}

export function isPatronymic(word: string): boolean {
  return some(word, (p) => p.grammemes.has('Patr'));
}

/** Every reading is an adjective or participle (Российские, Британское), never a proper noun. */
export function isAdjectiveOnly(word: string): boolean {
  return every(word, (p) => (p.pos === 'ADJF' || p.pos === 'PRTF') && !p.grammemes.has('Surn'));
}

/** Every reading is a function word, adverb or verb form (Насколько, Нас, Однако). */
export function isFunctionWord(word: string): boolean {
  return every(word, (p) => FUNCTION_POS.has(p.pos));
}

/** An abbreviation the dictionary knows as a common noun (ПВО, ДТП), not as an organization or place. */
export function isCommonAbbreviation(word: string): boolean {
  return every(word, (p) => p.grammemes.has('Abbr') && !PROPER_GRAMMEMES.some((g) => p.grammemes.has(g)));
}

/** Lemmas of a word's dictionary readings, most probable first (the word itself when unknown). */
export function russianLemmas(word: string, prefer?: (p: WordParse) => boolean): string[] {
  const parses = russianParses(word);
  const ordered = prefer ? [...parses.filter(prefer), ...parses.filter((p) => !prefer(p))] : parses;
  const lemmas = [...new Set(ordered.map((p) => p.lemma))];
  return lemmas.length > 0 ? lemmas : [word.toLowerCase()];
}

/**
 * The word in the nominative, keeping the reading's number and gender ("Курской" as feminine →
 * "курская", "Колесниковой" → "колесникова"), lowercase; null when az cannot inflect it.
 */
export function russianInflect(word: string, reading: WordParse): string | null {
  const parse = azParses.get(reading);
  if (!parse) return null;
  const plural = parse.tag.NMbr === 'plur';
  const wanted = ['nomn', plural ? 'plur' : 'sing'];
  if (!plural && parse.tag.GNdr && ['masc', 'femn', 'neut'].includes(parse.tag.GNdr))
    wanted.push(parse.tag.GNdr);
  const form = parse.inflect(wanted) || parse.inflect(['nomn']);
  return form ? form.word.toLowerCase() : null;
}

/** Every reading is a common noun, never a proper one (Спецоперация, Восток's "восток"). */
export function isCommonNounOnly(word: string): boolean {
  return every(
    word,
    (p) => p.pos === 'NOUN' && !PROPER_GRAMMEMES.some((g) => p.grammemes.has(g)) && !p.grammemes.has('Abbr'),
  );
}

export function isKnownWord(word: string): boolean {
  return russianParses(word).length > 0;
}

/**
 * Every reading is a surname or patronymic (Белоусов), never a given name, a place or a singular
 * common word; the plural homographs of -ов surnames (белоусов, песков: of whiskers, of sands)
 * do not count.
 */
export function isSurnameOnly(word: string): boolean {
  return every(
    word,
    (p) =>
      p.grammemes.has('Surn') ||
      p.grammemes.has('Patr') ||
      (p.pos === 'NOUN' && p.grammemes.has('plur') && !p.grammemes.has('Geox')),
  );
}

/** Every reading is a place noun (Крым, Ливан's "ливан"; not Газа, also "of gas"). */
export function isPlaceOnly(word: string): boolean {
  return every(word, (p) => p.pos === 'NOUN' && p.grammemes.has('Geox'));
}
