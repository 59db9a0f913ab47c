// The figures and names of a text, for telling a copy from a post built on the same template.
// A daily report ("losses on the Kursk front over the day exceeded 250 soldiers") shares nearly
// every shingle with the next day's (255, 300), and "the army liberated Novaya Ilyinka" with
// "… liberated Vorovskoye": wording alone calls them copies. A copy repeats the figures and names of
// what it copies; it may add some or drop some, but it does not replace them.

const URL_PATTERN = /\b(?:https?:\/\/|www\.|t\.me\/|bit\.ly\/)\S*/giu;
// Digits with inner separators (99,9 · 1.5 · 00:42 · 2024-11-27); a space between groups of three
// is a thousands separator (1 535).
const NUMBER = /\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?!\d)|\d+(?:[.,:/-]\d+)*/gu;
// Number words, as Russian and English posts write small figures ("два танка", "семерых").
const NUMBER_WORDS = new Map<string, string>(
  (
    [
      ['1', 'один одна одно одного одному одной одним одну'],
      ['2', 'два две двух двум двумя двое двоих two'],
      ['3', 'три трех трёх трем трём тремя трое троих three'],
      ['4', 'четыре четырех четырёх четырем четырём четверо четверых four'],
      ['5', 'пять пяти пятью пятеро пятерых пятерым five'],
      ['6', 'шесть шести шестью шестеро шестерых six'],
      ['7', 'семь семи семью семеро семерых seven'],
      ['8', 'восемь восьми восемью восьмеро eight'],
      ['9', 'девять девяти девятью nine'],
      ['10', 'десять десяти десятью ten'],
    ] as const
  ).flatMap(([digit, words]) => words.split(' ').map((word): [string, string] => [word, digit])),
);
// Words, and figures as NUMBER spells them (the text has their thousands separators removed).
const TOKEN = /\d+(?:[.,:/-]\d+)*|[\p{L}][\p{L}\p{N}'’-]*/gu;
const CAPITALIZED = /^\p{Lu}/u;
// A sentence ends at . ! ? … followed by space, or at a line break; its first word is capitalized
// by grammar, not because it is a name.
const SENTENCE_BREAK = /(?<=[.!?…])\s+|\n+/u;

export interface TextFacts {
  /** Hashes of the figures, sorted, distinct (top bit set: a figure). */
  numbers: Uint32Array;
  /** Hashes of the stemmed names (capitalized words not opening a sentence), sorted, distinct. */
  names: Uint32Array;
  /**
   * Where each fact stands: pairs [context, fact], the context being the word before (or after)
   * it. Two texts that put different facts in the same place replace one with the other.
   */
  slots: Uint32Array;
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const FIGURE_BIT = 0x80000000;
const figureHash = (figure: string): number => (hash(figure) | FIGURE_BIT) >>> 0;
const nameHash = (term: string): number => (hash(term) & ~FIGURE_BIT) >>> 0;
const isFigure = (fact: number): boolean => (fact & FIGURE_BIT) !== 0;
// Context words compared loosely (case, ё, endings): «более 250 военнослужащих» and «до 255
// военнослужащим» share the slot after the figure.
const contextOf = (word: string, side: 'L' | 'R'): number =>
  hash(side + word.toLowerCase().replace(/ё/g, 'е').slice(0, 5));

// Names compared without their ending, so one name in another case (Германии, Германия; Ивана,
// Иван) is one fact; a full stemmer costs more than the whole signature here.
const nameStem = (word: string): string =>
  word
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[аеиийоуыьэюя]+$/u, '')
    .slice(0, 6);

const sortedDistinct = (values: Iterable<number>): Uint32Array => Uint32Array.from(new Set(values)).sort();

interface Token {
  word: string;
  fact: number | null;
}

export function extractFacts(text: string): TextFacts {
  const clean = text
    .replace(URL_PATTERN, ' ')
    .replace(NUMBER, (figure) => ` ${figure.replace(/[ \u00A0\u202F]/g, '')} `);
  const numbers = new Set<number>();
  const names = new Set<number>();
  const slots: number[] = [];
  for (const sentence of clean.split(SENTENCE_BREAK)) {
    const tokens: Token[] = [];
    for (const match of sentence.matchAll(TOKEN)) {
      const word = match[0];
      let fact: number | null = null;
      if (/^\d/u.test(word)) fact = figureHash(word.replace(',', '.'));
      else {
        const spelled = NUMBER_WORDS.get(word.toLowerCase());
        // «один из» is "one of", not a figure.
        const oneOf = spelled === '1' && /^\s+из(?!\p{L})/u.test(sentence.slice(match.index + word.length));
        if (spelled && !oneOf) fact = figureHash(spelled);
        else if (tokens.length > 0 && CAPITALIZED.test(word)) fact = nameHash(nameStem(word));
      }
      tokens.push({ word, fact });
    }
    tokens.forEach((token, i) => {
      if (token.fact === null) return;
      (isFigure(token.fact) ? numbers : names).add(token.fact);
      const before = tokens[i - 1];
      const after = tokens[i + 1];
      // Prepositions and conjunctions (в, с, до, и) stand next to anything: no slot.
      if (before && before.fact === null && before.word.length >= 3)
        slots.push(contextOf(before.word, 'L'), token.fact);
      if (after && after.fact === null && after.word.length >= 3)
        slots.push(contextOf(after.word, 'R'), token.fact);
    });
  }
  return { numbers: sortedDistinct(numbers), names: sortedDistinct(names), slots: Uint32Array.from(slots) };
}

function has(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * True when two texts replace each other's facts: each has facts the other lacks, making up at
 * least `share` of its own. Adding or dropping facts (a shorter repost, a digest, a longer update)
 * is not a conflict; neither is one differing name among many.
 */
export function factsConflict(a: Uint32Array, b: Uint32Array, share: number): boolean {
  if (a.length === 0 || b.length === 0) return false;
  let common = 0;
  for (const value of a) if (has(b, value)) common++;
  const onlyA = a.length - common;
  const onlyB = b.length - common;
  return onlyA > 0 && onlyB > 0 && onlyA >= share * a.length && onlyB >= share * b.length;
}

/**
 * True when the texts put different facts of one kind in the same place (the word before or after
 * them), each fact missing from the other text: «освободила населенный пункт Воровское» against
 * «… пункт Раздольное», «более 250 военнослужащих» against «до 255 военнослужащих».
 */
export function factsSubstituted(a: TextFacts, b: TextFacts, kinds: 'figures' | 'all' = 'all'): boolean {
  const inB = (fact: number): boolean => has(isFigure(fact) ? b.numbers : b.names, fact);
  const inA = (fact: number): boolean => has(isFigure(fact) ? a.numbers : a.names, fact);
  for (let i = 0; i < a.slots.length; i += 2) {
    const fact = a.slots[i + 1]!;
    if ((kinds === 'figures' && !isFigure(fact)) || inB(fact)) continue;
    const context = a.slots[i]!;
    for (let j = 0; j < b.slots.length; j += 2) {
      if (b.slots[j] !== context) continue;
      const other = b.slots[j + 1]!;
      if (isFigure(other) === isFigure(fact) && !inA(other)) return true;
    }
  }
  return false;
}
