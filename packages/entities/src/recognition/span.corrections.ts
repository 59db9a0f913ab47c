// Corrections of the tagger's spans by what the tagger cannot learn from a few hundred training
// documents: whether a word is a place (gazetteers), a given name, an adjective, a function word or
// a common noun (Russian morphology), and what the rest of the document says about it. Each rule
// fixes a class of error seen on real posts (issue #10), and each is measured on FactRuEval,
// CoNLL and our labeled Telegram sample before it is kept (docs/quality.md).
import {
  ENGLISH_PLACE_PREPOSITIONS,
  ENGLISH_PRODUCT_CUES,
  RUSSIAN_COMMON_ACRONYMS,
  RUSSIAN_ORGANIZATION_CUES,
  RUSSIAN_DESCRIPTORS,
  RUSSIAN_PRODUCT_CUES,
  ENGLISH_FUNCTION_WORDS,
  WEAPON_NAMES,
} from './common.words.ts';
import { isKnownOutlet } from './media.lexicon.ts';
import { isGazetteerPlace, isMajorGazetteerPlace } from './place.gazetteer.ts';
import {
  isAdjectiveOnly,
  isCommonAbbreviation,
  isFunctionWord,
  isCommonNounOnly,
  isGivenName,
  isKnownWord,
  isKnownPersonName,
  isKnownPlace,
  isPatronymic,
  isSurnameOnly,
  isPlaceOnly,
  russianLemmas,
} from './russian.morphology.ts';
import { nominativeCandidates } from '../resolution/name.keys.ts';
import type { TextToken } from './word.tokenizer.ts';

/** A tagged span over the tokens of one sequence, in the tagger's type codes (PER, ORG, LOC, MISC). */
export interface SpanDraft {
  sequence: number;
  first: number;
  last: number;
  type: string;
}

interface DocumentEvidence {
  /** Nominative candidates of the words of multi-word person names in the document. */
  personWords: Set<string>;
  /** Texts the document uses as model names (next to “missile”, “ракета”). */
  products: Set<string>;
}

const REGION_NOUN = /^(област|кра[йяеюи]|округ|район|республик|губерни|штат|провинци)/u;
const LIST_GLUE = new Set([',', 'и', 'или']);
const PLURAL_DESCRIPTORS = new Set([
  'власти',
  'военные',
  'силовики',
  'спецслужбы',
  'чиновники',
  'пограничники',
]);
const ABSTRACT_NOUN = /(ция|сия|ние|ство|ость|изм|ика)$/u;
/** Surnames in -ский/-цкий that the dictionary does not know (Зеленский, Зеленского). */
const ADJECTIVAL_SURNAME = /^\p{Lu}\p{Ll}+(ск|цк)(ий|ого|ому|им|ом)$/u;
const STREET_WORDS = new Set([
  'улица',
  'проспект',
  'площадь',
  'бульвар',
  'переулок',
  'шоссе',
  'набережная',
  'аллея',
]);
const RUSSIAN_PLACE_PREPOSITIONS = new Set([
  'в',
  'во',
  'на',
  'из',
  'под',
  'над',
  'около',
  'возле',
  'близ',
  'вблизи',
]);

export function correctSpans(
  language: string,
  text: string,
  sequences: TextToken[][],
  drafts: SpanDraft[],
): SpanDraft[] {
  const ru = language === 'ru';
  const words = (d: SpanDraft): TextToken[] => sequences[d.sequence]!.slice(d.first, d.last + 1);
  // First what each span is on its own: cut and dropped words, run-together names split.
  const local: SpanDraft[] = [];
  for (const original of drafts) {
    const d = { ...original };
    const sequence = sequences[d.sequence]!;
    if (ru) {
      // A capitalized function word that opens a sentence is not part of the name after it
      // ("Насколько Абхазия"); alone it is no name at all ("Нас").
      while (d.first < d.last && isFunctionWord(sequence[d.first]!.text) && !isInitial(sequence, d.first))
        d.first++;
      if (d.first === d.last && dropRussianWord(sequence, d)) continue;
      // "Российские власти", "Украинские военные": adjectives and a plural descriptor name no one
      // ("Конституционного суда", "Народной партии" are names).
      if (
        d.first < d.last &&
        sequence.slice(d.first, d.last).every((t) => isAdjectiveOnly(t.text)) &&
        PLURAL_DESCRIPTORS.has(sequence[d.last]!.text.toLowerCase())
      )
        continue;
      for (const part of splitPlaceFromPerson(sequence, d)) local.push(...splitOutlet(sequence, part));
    } else {
      // "Besides, North Koreans…": a capitalized function word is no name on its own.
      if (d.first === d.last && ENGLISH_FUNCTION_WORDS.has(sequence[d.first]!.text.toLowerCase())) continue;
      if (d.last === d.first + 1 && isKoreanName(text, sequence, d.first)) d.type = 'PER';
      local.push(...splitOutlet(sequence, d));
    }
  }
  // Then what the document says: the words of its full person names, and its model names.
  const evidence: DocumentEvidence = { personWords: new Set(), products: new Set() };
  for (const d of local) {
    if (d.type === 'PER' && d.last > d.first)
      for (const t of words(d)) for (const c of forms(t.text)) evidence.personWords.add(c);
    if (nextToProductCue(ru, sequences[d.sequence]!, d))
      for (const f of productForms(words(d))) evidence.products.add(f);
  }
  if (!ru) local.push(...koreanNames(text, sequences, local));
  else {
    quotedOrganizations(sequences, local);
    local.push(...missedPlaces(sequences, local));
  }
  const out: SpanDraft[] = [];
  for (const d of local) {
    const sequence = sequences[d.sequence]!;
    const product = productForms(words(d));
    if (
      product.some((f) => evidence.products.has(f)) ||
      // A weapon named without a cue word ("удар ATACMS"); a person may share the name.
      (d.type !== 'PER' && product.some((f) => WEAPON_NAMES.has(f)))
    ) {
      // CoNLL's convention types a model name MISC; the public types have no such class.
      if (!ru) out.push({ ...d, type: 'MISC' });
      continue;
    }
    if (ru && d.type === 'PER') extendPersonName(text, sequence, d);
    // "Kim Jong-un", "Moon Jae-in": a romanized Korean given name the English tagger leaves out.
    while (
      !ru &&
      d.type === 'PER' &&
      KOREAN_GIVEN_NAME.test(sequence[d.last + 1]?.text ?? '') &&
      text.slice(sequence[d.last]!.end, sequence[d.last + 1]!.start) === ' '
    )
      d.last++;
    if (
      !ru &&
      d.type === 'PER' &&
      d.first === d.last &&
      /^\p{Lu}{2,5}$/u.test(sequence[d.first]!.text) &&
      sequence.some((t) => /\p{Ll}/u.test(t.text))
    )
      // "the UN, which…": an acronym in a sentence written in mixed case names an organization
      // (CoNLL eng.train: 944 of 1,457 such words are ORG, 5 PER).
      d.type = 'ORG';
    else if (!ru && d.type === 'PER' && d.first === d.last && isMajorPlace(sequence[d.first]!.text, evidence))
      // "ties with Pyongyang": a country or a city of millions, with no person of that name in the text.
      d.type = 'LOC';
    else if (d.type === 'PER' && isPlaceSpan(ru, sequence, d.first, d.last, evidence)) d.type = 'LOC';
    else if (
      ru &&
      d.type === 'PER' &&
      (afterStreetWord(sequence, d.first) || isAdjectiveAndNoun(sequence, d))
    )
      d.type = 'LOC';
    else if (ru && d.type === 'LOC' && d.first === d.last && isOnlyPersonName(sequence[d.first]!.text))
      // "Белоусов" tagged as a place: the dictionary knows the word only as a surname. Not a
      // given name (Вирджиния is a state too), not an organization («Вагнер», «Ахмат»).
      d.type = 'PER';
    else if (
      ru &&
      d.type === 'LOC' &&
      d.first === d.last &&
      ADJECTIVAL_SURNAME.test(sequence[d.first]!.text) &&
      !isKnownWord(sequence[d.first]!.text)
    )
      // A lone -ский word is no place ("Курский" needs its noun): an unknown one is a surname.
      d.type = 'PER';
    else if (
      (d.type === 'LOC' || d.type === 'ORG') &&
      d.first === d.last &&
      forms(sequence[d.first]!.text).some((f) => evidence.personWords.has(f)) &&
      !(ru && isKnownPlace(sequence[d.first]!.text))
    )
      // "Смайта" after "Джона Смайта": the surname of a person the document names in full.
      d.type = 'PER';
    out.push(d);
  }
  return out.sort((a, b) => a.sequence - b.sequence || a.first - b.first);
}

// Two romanized syllables ("Jong-un", "Suk-yeol"); "Kong-based", "York-led" are English compounds.
const KOREAN_GIVEN_NAME = /^\p{Lu}\p{Ll}{1,4}-(?!(?:led|run|era|old|new|wide|born|made|area)$)\p{Ll}{1,4}$/u;

/**
 * "Крым потерян", "Ливан и Газа": a capitalized word every dictionary reading of which is a place,
 * standing alone outside any span, is a place the tagger missed.
 */
function missedPlaces(sequences: TextToken[][], drafts: SpanDraft[]): SpanDraft[] {
  const taken = new Set(
    drafts.flatMap((d) =>
      Array.from({ length: d.last - d.first + 1 }, (_, j) => `${d.sequence}:${d.first + j}`),
    ),
  );
  const added: SpanDraft[] = [];
  sequences.forEach((sequence, k) => {
    sequence.forEach((token, i) => {
      if (taken.has(`${k}:${i}`) || !/^\p{Lu}\p{Ll}+$/u.test(token.text)) return;
      const neighbour = (j: number): boolean =>
        /^\p{Lu}/u.test(sequence[j]?.text ?? '') && !taken.has(`${k}:${j}`);
      if (neighbour(i - 1) || neighbour(i + 1) || sequence[i + 1]?.text === '-') return;
      if (isPlaceOnly(token.text)) added.push({ sequence: k, first: i, last: i, type: 'LOC' });
    });
  });
  return added;
}

const OPEN_QUOTE = new Set(['«', '"', '“', '„']);
const CLOSE_QUOTE = new Set(['»', '"', '”', '“']);
const MAX_QUOTED = 5;

/**
 * "организацией американский «Храм Сатаны»", "компании «Мен Тревел»": a capitalized name in quotes
 * after a word for an organization is that organization, whole, whatever the tagger made of it.
 * Replaces the spans inside the quotes, in place (drafts is changed).
 */
function quotedOrganizations(sequences: TextToken[][], drafts: SpanDraft[]): void {
  sequences.forEach((sequence, k) => {
    for (let open = 0; open < sequence.length; open++) {
      if (!OPEN_QUOTE.has(sequence[open]!.text)) continue;
      let close = open + 1;
      while (
        close < sequence.length &&
        close - open <= MAX_QUOTED + 1 &&
        !CLOSE_QUOTE.has(sequence[close]!.text)
      )
        close++;
      if (close >= sequence.length || !CLOSE_QUOTE.has(sequence[close]!.text) || close === open + 1) continue;
      const first = open + 1;
      const last = close - 1;
      if (!/^\p{Lu}/u.test(sequence[first]!.text)) continue;
      if (!cuedByOrganizationWord(sequence, open)) continue;
      const inside = drafts.filter((d) => d.sequence === k && d.first <= last && d.last >= first);
      if (inside.some((d) => d.first < first || d.last > last)) continue;
      for (const d of inside) drafts.splice(drafts.indexOf(d), 1);
      drafts.push({ sequence: k, first, last, type: 'ORG' });
      open = close;
    }
  });
}

function cuedByOrganizationWord(sequence: TextToken[], open: number): boolean {
  for (let i = open - 1; i >= Math.max(0, open - 3); i--) {
    const word = sequence[i]!.text;
    if (russianLemmas(word).some((l) => RUSSIAN_ORGANIZATION_CUES.has(l))) return true;
    if (!isAdjectiveOnly(word)) return false;
  }
  return false;
}

function isKoreanName(text: string, sequence: TextToken[], i: number): boolean {
  const [family, given] = [sequence[i]!, sequence[i + 1]];
  return (
    given !== undefined &&
    /^\p{Lu}\p{Ll}{1,4}$/u.test(family.text) &&
    KOREAN_GIVEN_NAME.test(given.text) &&
    text.slice(family.end, given.start) === ' '
  );
}

/**
 * "Kim Jong-un", "Moon Jae-in", "Yoon Suk-yeol": a short family name and a romanized, hyphenated
 * given name, which the English tagger (trained on Reuters 1996) often misses or cuts to "Kim".
 */
function koreanNames(text: string, sequences: TextToken[][], drafts: SpanDraft[]): SpanDraft[] {
  const taken = new Set(
    drafts.flatMap((d) =>
      Array.from({ length: d.last - d.first + 1 }, (_, j) => `${d.sequence}:${d.first + j}`),
    ),
  );
  const added: SpanDraft[] = [];
  sequences.forEach((sequence, k) => {
    for (let i = 0; i + 1 < sequence.length; i++) {
      if (taken.has(`${k}:${i}`) || taken.has(`${k}:${i + 1}`)) continue;
      if (isKoreanName(text, sequence, i)) added.push({ sequence: k, first: i, last: i + 1, type: 'PER' });
    }
  });
  return added;
}

/**
 * A place and a person's name written together, which the tagger reads as one span: "заместитель
 * премьера Великобритании Рейнер", "премьер-министра Израиля Биньямина Нетаньяху".
 */
function splitPlaceFromPerson(sequence: TextToken[], d: SpanDraft): SpanDraft[] {
  if ((d.type !== 'PER' && d.type !== 'LOC') || d.last === d.first) return [d];
  const head = sequence[d.first]!.text;
  if (!isKnownPlace(head)) return [d];
  // Владимир, Израиль are given names too: the head is a place only when a given name follows it.
  if (isKnownPersonName(head) && !isGivenName(sequence[d.first + 1]!.text)) return [d];
  const rest = sequence.slice(d.first + 1, d.last + 1);
  if (!rest.every((t) => /^\p{Lu}/u.test(t.text) && !isKnownPlace(t.text) && !isAdjectiveOnly(t.text)))
    return [d];
  // "Южная Корея", "Нижний Новгород" begin with an adjective, never with a place noun; a place
  // noun followed by other capitalized words is a place then whoever it qualifies.
  return [
    { sequence: d.sequence, first: d.first, last: d.first, type: 'LOC' },
    { sequence: d.sequence, first: d.first + 1, last: d.last, type: 'PER' },
  ];
}

/**
 * "сообщил РИА Новости замглавы …", "РИА Новости Рогов": an outlet's name the tagger ran on into
 * the words after it. The outlet is the organization; a capitalized rest is a name of its own (the
 * tagger's type is kept for it unless it is a person's name), a lowercase rest is no name.
 */
function splitOutlet(sequence: TextToken[], d: SpanDraft): SpanDraft[] {
  if (d.type !== 'ORG' || d.last === d.first) return [d];
  for (let end = d.first; end < d.last; end++) {
    const name = sequence
      .slice(d.first, end + 1)
      .map((t) => t.text)
      .join(' ');
    if (!isKnownOutlet(name)) continue;
    const rest = sequence.slice(end + 1, d.last + 1);
    // "РИА Новости Крым" is an outlet's name too: only a rest of lowercase words or a person is cut.
    const outlet = { sequence: d.sequence, first: d.first, last: end, type: 'ORG' };
    if (/^\p{Ll}/u.test(rest[0]!.text)) return [outlet];
    if (rest.every((t) => /^\p{Lu}\p{Ll}/u.test(t.text) && isKnownPersonName(t.text)))
      return [outlet, { sequence: d.sequence, first: end + 1, last: d.last, type: 'PER' }];
    return [d];
  }
  return [d];
}

/** A name's forms in any case ("Орешник", "Орешника"), to find it again across a document. */
function productForms(tokens: TextToken[]): string[] {
  const written = tokens.map((t) => t.text.toLowerCase()).join(' ');
  if (tokens.length > 1 || !/\p{Script=Cyrillic}/u.test(written)) return [written];
  return forms(tokens[0]!.text);
}

/** "А." in "А. Кудрин" is an initial, not the conjunction а. */
function isInitial(sequence: TextToken[], i: number): boolean {
  return /^\p{Lu}$/u.test(sequence[i]!.text) && sequence[i + 1]?.text === '.';
}

function forms(word: string): string[] {
  return nominativeCandidates(word.toLowerCase().replace(/ё/g, 'е'));
}

function isOnlyPersonName(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word) && isKnownPersonName(word) && isSurnameOnly(word);
}

/** "проспекте Руставели": a street named after someone is a place. */
function afterStreetWord(sequence: TextToken[], first: number): boolean {
  const before = sequence[first - 1];
  return before !== undefined && russianLemmas(before.text).some((l) => STREET_WORDS.has(l));
}

/**
 * "Кривому Рогу", "Ближнем Востоке": an adjective and a common noun, with no word the dictionary
 * knows as a name, is a place (or a thing), not a person.
 */
function isAdjectiveAndNoun(sequence: TextToken[], d: SpanDraft): boolean {
  if (d.first === d.last) return false;
  const tokens = sequence.slice(d.first, d.last + 1);
  if (tokens.some((t) => isKnownPersonName(t.text))) return false;
  return isAdjectiveOnly(tokens[0]!.text) && tokens.slice(1).every((t) => isCommonNounOnly(t.text));
}

/** One-word spans that are not names: descriptors, adjectives, common acronyms. */
function dropRussianWord(sequence: TextToken[], d: SpanDraft): boolean {
  const word = sequence[d.first]!.text;
  if (isFunctionWord(word)) return true;
  const lower = word.toLowerCase();
  if (word === word.toUpperCase() && word.length > 1) {
    return RUSSIAN_COMMON_ACRONYMS.has(lower) || isCommonAbbreviation(word);
  }
  if (russianLemmas(word).some((l) => RUSSIAN_DESCRIPTORS.has(l)) && !isKnownPersonName(word)) return true;
  // Abstract nouns capitalized at the start of a sentence ("Спецоперация", "Мобилизация").
  const quoted = /^[«"“„]$/u.test(sequence[d.first - 1]?.text ?? '');
  if (!quoted && ABSTRACT_NOUN.test(lower) && isCommonNounOnly(word)) return true;
  // "Российские", "Британское": an adjective alone names nothing, unless it is one of a list of
  // regions sharing a noun ("Киевской, Днепропетровской и Донецкой областях").
  if (d.type !== 'PER' && isAdjectiveOnly(word) && !beforeRegionNoun(sequence, d.last)) return true;
  return false;
}

function beforeRegionNoun(sequence: TextToken[], last: number): boolean {
  for (let i = last + 1; i < Math.min(sequence.length, last + 9); i++) {
    const word = sequence[i]!.text.toLowerCase();
    if (REGION_NOUN.test(word)) return true;
    if (!LIST_GLUE.has(word) && !isAdjectiveOnly(word)) return false;
  }
  return false;
}

/**
 * A given name or patronymic written right before a person's name belongs to it: "Глеб Туманов" at
 * the start of a sentence, tagged as "Туманов" alone; "Сергей Кужугетович Шойгу".
 */
function extendPersonName(text: string, sequence: TextToken[], d: SpanDraft): void {
  while (d.first > 0) {
    const before = sequence[d.first - 1]!;
    const gap = text.slice(before.end, sequence[d.first]!.start);
    if (gap !== ' ' || !/^\p{Lu}\p{Ll}/u.test(before.text)) break;
    if (!isGivenName(before.text) && !isPatronymic(before.text)) break;
    if (isKnownPlace(before.text)) break;
    d.first--;
  }
}

function isMajorPlace(word: string, evidence: DocumentEvidence): boolean {
  return isMajorGazetteerPlace(word) && !forms(word).some((f) => evidence.personWords.has(f));
}

function isPlaceSpan(
  ru: boolean,
  sequence: TextToken[],
  first: number,
  last: number,
  evidence: DocumentEvidence,
): boolean {
  const tokens = sequence.slice(first, last + 1);
  const surface = tokens.map((t) => t.text).join(' ');
  if (tokens.some((t) => forms(t.text).some((f) => evidence.personWords.has(f)))) return false;
  if (!ru) {
    // English given names are also cities (George, Nancy): a city needs a preposition of place.
    const before = sequence[first - 1]?.text.toLowerCase() ?? '';
    return isGazetteerPlace(surface.replace(/['’]s$/u, '')) && ENGLISH_PLACE_PREPOSITIONS.has(before);
  }
  const single = tokens.length === 1 ? tokens[0]!.text : null;
  // "атак на Николаев", "в Алеппо": after a preposition of place, a place reading wins over a
  // surname of the same spelling.
  const before = sequence[first - 1]?.text.toLowerCase() ?? '';
  if (single && RUSSIAN_PLACE_PREPOSITIONS.has(before) && (isKnownPlace(single) || isGazetteerPlace(single)))
    return true;
  if (tokens.some((t) => isKnownPersonName(t.text))) return false;
  if (single && isKnownPlace(single)) return true;
  const lemmas = tokens.map((t) => russianLemmas(t.text, (p) => p.grammemes.has('Geox')).slice(0, 2));
  const candidates = lemmas.reduce<string[]>(
    (acc, options) => acc.flatMap((prefix) => options.map((o) => (prefix ? `${prefix} ${o}` : o))),
    [''],
  );
  return candidates.some(isGazetteerPlace);
}

function nextToProductCue(ru: boolean, sequence: TextToken[], d: SpanDraft): boolean {
  const cue = (i: number): boolean => {
    const token = sequence[i];
    if (!token) return false;
    return ru
      ? russianLemmas(token.text).some((l) => RUSSIAN_PRODUCT_CUES.has(l))
      : ENGLISH_PRODUCT_CUES.has(token.text.toLowerCase());
  };
  let before = d.first - 1;
  if (before >= 0 && /^[«"“„']$/u.test(sequence[before]!.text)) before--;
  let after = d.last + 1;
  if (/^[»"”']$/u.test(sequence[after]?.text ?? '')) after++;
  // "ATACMS missiles"; but "Boeing jets" is the maker, an organization.
  const acronym = sequence.slice(d.first, d.last + 1).every((t) => t.text === t.text.toUpperCase());
  return cue(before) || (!ru && acronym && cue(after));
}
