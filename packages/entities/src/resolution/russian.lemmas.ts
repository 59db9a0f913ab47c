// The nominative of a Russian name, for naming new candidates and matching the KB: "Германии" →
// "Германия", "Курской области" → "Курская область", "Министерства обороны России" → "Министерство
// обороны России", "Хантера Байдена" → "Хантер Байден". Dictionary words are put in the
// nominative by az (keeping gender and number, so "Колесниковой" stays feminine); words the
// dictionary lacks follow suffix rules (decision 0014): an unknown person's name in -а/-у/-ом/-е
// after a consonant is taken as a masculine foreign surname in an oblique case (Байдена, Трампу,
// Шольцем), since foreign feminine surnames in Russian do not decline.
import {
  isFunctionWord,
  russianInflect,
  russianParses,
  type WordParse,
} from '../recognition/russian.morphology.ts';
import type { EntityType } from '@echotrace/core';

const PERSON = ['Name', 'Surn', 'Patr'];

const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'];

/** The nominative form of a Cyrillic name of `type`, or null when no reading is safe. */
export function russianNominative(surface: string, type: EntityType): string | null {
  const words = surface.split(' ');
  if (words.length === 0 || !words.every((w) => /^[\p{Script=Cyrillic}-]+$/u.test(w))) return null;
  const readings = words.map((w, i) => {
    const parses = russianParses(w);
    const geographic = parses.some((p) => p.grammemes.has('Geox'));
    return parses.filter((p) => fitsType(p, type, i < words.length - 1, geographic));
  });
  // The words of a name agree in case ("Хабаровском крае": locative, not Хабаровск's instrumental).
  const votes = CASES.map((c) => readings.filter((r) => r.some((p) => p.grammemes.has(c))).length);
  const chosenCase = CASES[votes.indexOf(Math.max(...votes))]!;
  const out: string[] = [];
  // Organizations decline their head only: "Министерства обороны России" keeps its complements.
  let declining = true;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!declining) {
      out.push(word);
      continue;
    }
    const form = nominativeWord(word, type, readings[i]!, chosenCase, i < words.length - 1);
    if (form === null) return null;
    out.push(matchCase(word, form.word));
    if ((type === 'ORGANIZATION' || type === 'MEDIA') && form.noun) declining = false;
  }
  return out.join(' ');
}

function nominativeWord(
  word: string,
  type: EntityType,
  fits: WordParse[],
  chosenCase: string,
  beforeAnother: boolean,
): { word: string; noun: boolean } | null {
  // "Нью-Йорка", "Ростова-на-Дону": left as written; so are the conjunctions and prepositions
  // inside a name ("Белгородской и Курской областях", "Федеральный центр по делам …").
  if (word.includes('-')) return { word, noun: true };
  if (/^\p{Ll}/u.test(word) && (word.length <= 2 || isFunctionWord(word))) return { word, noun: false };
  const inCase = fits.filter((p) => p.grammemes.has(chosenCase));
  const pool = inCase.length > 0 ? inCase : fits;
  // An adjective before another word of the name (Первого канала), a noun at its end.
  const parse =
    pool.find((p) => (p.pos === 'ADJF') === beforeAnother) ?? pool.find((p) => p.pos === 'NOUN') ?? pool[0];
  if (parse) {
    if (parse.grammemes.has('Patr')) return { word: patronymicNominative(word), noun: true };
    if (parse.pos === 'ADJF') {
      // Ordinals share a lexeme with "один" in the dictionary: no safe form.
      if (parse.grammemes.has('Anum')) return null;
      return { word: adjectiveNominative(parse), noun: false };
    }
    const form = russianInflect(word, parse);
    return form ? { word: form, noun: parse.pos === 'NOUN' } : null;
  }
  if (type === 'PERSON') return { word: unknownPersonNominative(word), noun: true };
  // A word the dictionary reads only as something else (a participle in "Соединённых Штатов").
  return russianParses(word).length > 0 ? null : { word, noun: true };
}

function fitsType(p: WordParse, type: EntityType, beforeAnother: boolean, geographic: boolean): boolean {
  if (p.grammemes.has('plur') && type !== 'LOCATION') return false;
  // A place noun the dictionary knows is that place, not a homonym (Германии: not germanium).
  if (type === 'LOCATION' && geographic && p.pos === 'NOUN' && !p.grammemes.has('Geox')) return false;
  if (type === 'PERSON') return PERSON.some((g) => p.grammemes.has(g));
  return p.pos === 'NOUN' || (beforeAnother && p.pos === 'ADJF');
}

/** An adjective in the nominative of its reading's gender and number, from its masculine lemma. */
function adjectiveNominative(parse: WordParse): string {
  const lemma = parse.lemma;
  const stem = lemma.replace(/(ый|ий|ой)$/u, '');
  if (stem === lemma) return lemma;
  const soft = lemma.endsWith('ий') && !/[кгхжшчщ]ий$/u.test(lemma);
  const sibilant = /[жшчщ]ий$/u.test(lemma);
  const g = parse.grammemes;
  if (g.has('plur')) return stem + (soft || /[кгхжшчщ]ий$/u.test(lemma) ? 'ие' : 'ые');
  if (g.has('femn')) return stem + (soft ? 'яя' : 'ая');
  if (g.has('neut')) return stem + (soft || sibilant ? 'ее' : 'ое');
  return lemma;
}

function patronymicNominative(word: string): string {
  return word.replace(/(ович|евич|ич)(а|у|ем|е)$/u, '$1').replace(/(овн|евн|ичн|инич)(ы|е|у|ой)$/u, '$1а');
}

const UNKNOWN_PERSON_ENDINGS: Array<[RegExp, string]> = [
  [/([бвгдзклмнпрстфхцчшщ])(а|у|ом|е)$/u, '$1'],
  [/([бвгдзклмнпрстфхцчшщ])ем$/u, '$1'],
];

function unknownPersonNominative(word: string): string {
  // -ова/-ева/-ина are feminine nominatives as often as masculine genitives: left as written.
  if (/(ов|ев|ин|ын)а$/u.test(word.toLowerCase())) return word;
  for (const [pattern, replacement] of UNKNOWN_PERSON_ENDINGS)
    if (pattern.test(word)) return word.replace(pattern, replacement);
  return word;
}

/** The written word's capitalization on a lowercase form: "КНДР", "Германия", "Нью-Йорк". */
function matchCase(written: string, form: string): string {
  if (written === written.toUpperCase()) return form.toUpperCase();
  return /^\p{Lu}/u.test(written) ? form[0]!.toUpperCase() + form.slice(1) : form;
}
