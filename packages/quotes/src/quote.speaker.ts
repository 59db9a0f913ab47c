// The speaker of a quote: the phrase that names who speaks, and the entity it refers to, found only
// in what the document says. A phrase holding a recognized mention is that entity; a pronoun is the
// last person named before it; a description ("the expert", "эксперт") is the last person named
// before it who was called that. Anything else stays unresolved: the phrase is kept, no entity is
// guessed.
import type { Span, SpeakerCandidate, SpeakerResolution } from './quote.model.ts';
import { wordsIn, type Word } from './quote.text.ts';

export interface ResolvedSpeaker {
  speaker: Span;
  mention: Span | null;
  entityId: string | null;
  resolution: SpeakerResolution;
  role: Span | null;
}

const PERSONAL_PRONOUNS = new Set(['he', 'she', 'он', 'она']);
const GROUP_PRONOUNS = new Set(['they', 'они']);
// Pronouns that never name a third party the reader could cite: the author and the reader.
const SELF_PRONOUNS = new Set([
  'i',
  'we',
  'you',
  'я',
  'мы',
  'вы',
  'ты',
  'it',
  'оно',
  'это',
  'this',
  'that',
  'there',
  // Oblique forms are addressees, not speakers ("мне сказали", "told me").
  'me',
  'us',
  'him',
  'her',
  'them',
  'мне',
  'нам',
  'ему',
  'ей',
  'им',
  'вам',
  'тебе',
  'меня',
  'нас',
]);
// A speaker phrase after a cue does not start with these ("сообщила о росте", "said to be"); "в"
// stays allowed: "сообщили в Кремле" names the source.
const NOT_A_SPEAKER_START = new Set([
  'о',
  'об',
  'обо',
  'на',
  'за',
  'для',
  'с',
  'со',
  'к',
  'по',
  'из',
  'от',
  'что',
  'как',
  'почему',
  'зачем',
  'где',
  'когда',
  'куда',
  'why',
  'where',
  'when',
  'whether',
  'about',
  'to',
  'for',
  'with',
  'that',
  'on',
  'of',
  'at',
  'in',
  'by',
  'it',
  'so',
  'if',
  'what',
  'how',
  'this',
  'not',
]);

// Words that lead or pad a speaker phrase without naming anyone.
const PADDING = new Set([
  // "Он не подтвердил": the negation belongs to the verb, not to the speaker.
  'не',
  'ни',
  'and',
  'but',
  'also',
  'then',
  'later',
  'previously',
  'earlier',
  'repeatedly',
  'again',
  'has',
  'had',
  'have',
  'had',
  'was',
  'is',
  'will',
  'would',
  'who',
  'that',
  'which',
  'once',
  'reportedly',
  'publicly',
  'и',
  'а',
  'но',
  'также',
  'тоже',
  'ранее',
  'ещё',
  'еще',
  'уже',
  'вновь',
  'снова',
  'неоднократно',
  'затем',
  'потом',
  'позже',
  'впрочем',
  'однако',
  'при',
  'этом',
  'же',
  'ли',
  'который',
  'которая',
  'которые',
  'публично',
  'лично',
  'прямо',
  'накануне',
  'сегодня',
  'вчера',
  'today',
  'yesterday',
  'что',
  'чтобы',
  'будто',
  'тогда',
  'мне',
  'нам',
  'ему',
  'ей',
  'им',
  'недавно',
  'давно',
  'дальше',
  'осенью',
  'весной',
  'летом',
  'зимой',
  'утром',
  'вечером',
  'now',
  'recently',
  'then',
  'still',
  'once',
  'even',
  'only',
  'журналистам',
  'агентству',
  'изданию',
  'телеканалу',
  'газете',
  'корреспонденту',
  'reporters',
]);

const OUTLET_WORDS = new Set([
  'агентство',
  'издание',
  'газета',
  'телеканал',
  'канал',
  'сайт',
  'портал',
  'the',
  'newspaper',
  'agency',
  'channel',
  'outlet',
  'broadcaster',
  'network',
  'paper',
  'magazine',
]);

const ARTICLES = new Set(['the', 'a', 'an', 'this', 'that', 'этот', 'эта', 'этот']);

// News agencies written as the addressee of a cue: "сообщил РИА Новости Марочко" (Marochko told RIA
// Novosti), "заявила Захарова РИА Новости". Only a run of these words at either end of a longer
// phrase is the addressee; alone, or after "корреспондент", the agency is the speaker.
const ADDRESSEE_OUTLETS: ReadonlyArray<readonly string[]> = [
  ['риа', 'новости'],
  ['тасс'],
  ['интерфаксу'],
  ['известиям'],
  ['ria', 'novosti'],
  ['tass'],
];
// Where something was said, not who said it: "он в телеграме", "губернатор в своём телеграм-канале".
const VENUE =
  /^(в|на)\s+(своем\s+|своём\s+)?(телеграме|телеграм-канале|telegram|telegram-канале|соцсетях|социальных\s+сетях|эфире|x|twitter)$/iu;
const ROLE_BEFORE_OUTLET = new Set(['корреспондент', 'корреспонденту', 'корреспондента', 'корреспонденты']);

function outletRunAt(words: readonly { text: string }[], at: number): number {
  for (const outlet of ADDRESSEE_OUTLETS)
    if (outlet.every((w, i) => words[at + i]?.text.toLowerCase() === w)) return outlet.length;
  return 0;
}

/**
 * The words of the phrase without padding at either end, an agency addressed at either end, or a
 * venue ("в телеграме") at its end; null when nothing is left.
 */
export function speakerPhrase(text: string, start: number, end: number): Span | null {
  const words = wordsIn(text, start, end);
  let first = 0;
  let last = words.length - 1;
  for (let changed = true; changed && first <= last;) {
    changed = false;
    while (first <= last && PADDING.has(words[first]!.text.toLowerCase())) first++;
    while (last >= first && PADDING.has(words[last]!.text.toLowerCase())) last--;
    const leading = outletRunAt(words, first);
    if (leading && first + leading <= last) {
      first += leading;
      changed = true;
    }
    for (let n = 1; n <= 2 && last - n >= first; n++) {
      const run = outletRunAt(words, last - n + 1);
      if (run === n && !ROLE_BEFORE_OUTLET.has(words[last - n]!.text.toLowerCase())) {
        last -= n;
        changed = true;
        break;
      }
    }
    for (let n = 2; n <= 4 && last - n >= first; n++) {
      if (VENUE.test(text.slice(words[last - n + 1]!.start, words[last]!.end))) {
        last -= n;
        changed = true;
        break;
      }
    }
  }
  if (first > last) return null;
  return { start: words[first]!.start, end: words[last]!.end };
}

/** True when the phrase can be a speaker at all (not "I", not "it", not a run of function words). */
export function plausibleSpeaker(text: string, phrase: Span): boolean {
  const words = wordsIn(text, phrase.start, phrase.end);
  if (words.length === 0 || words.length > 12) return false;
  if (words.length === 1 && SELF_PRONOUNS.has(words[0]!.text.toLowerCase())) return false;
  if (NOT_A_SPEAKER_START.has(words[0]!.text.toLowerCase())) return false;
  // "2022 года заявляли": a date is no speaker.
  if (/^\p{N}/u.test(words[0]!.text)) return false;
  return true;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const stemOf = (word: string): string =>
  word
    .toLowerCase()
    .replace(/ё/g, 'е')
    .slice(0, Math.max(4, Math.min(6, word.length - 2)));

export class SpeakerResolver {
  private readonly text: string;
  private readonly mentions: readonly SpeakerCandidate[];

  constructor(text: string, mentions: readonly SpeakerCandidate[]) {
    this.text = text;
    this.mentions = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** The last person mention inside the span, if any. */
  lastPersonWithin(span: Span): SpeakerCandidate | null {
    let found: SpeakerCandidate | null = null;
    for (const m of this.mentions)
      if (m.type === 'PERSON' && m.start >= span.start && m.end <= span.end) found = m;
    return found;
  }

  resolve(phrase: Span): ResolvedSpeaker {
    const inPhrase = this.mentions.filter(
      (m) =>
        overlaps(m, phrase) && m.type !== 'LOCATION' && (m.type !== 'MEDIA' || this.outletSpeaks(phrase, m)),
    );
    // A person before an organization: "глава МИД Сергей Лавров" is Lavrov, speaking for МИД.
    const named =
      inPhrase.find((m) => m.type === 'PERSON') ?? inPhrase.find((m) => m.type !== 'MEDIA') ?? inPhrase[0];
    if (named) {
      return {
        speaker: phrase,
        mention: { start: named.start, end: named.end },
        entityId: named.entityId,
        resolution: 'mention',
        role: this.roleAround(phrase, named),
      };
    }
    const words = wordsIn(this.text, phrase.start, phrase.end);
    const only = words.length === 1 ? words[0]!.text.toLowerCase() : null;
    if (only && (PERSONAL_PRONOUNS.has(only) || GROUP_PRONOUNS.has(only))) {
      const antecedent = this.lastBefore(phrase.start, (m) =>
        PERSONAL_PRONOUNS.has(only) ? m.type === 'PERSON' : m.type === 'ORGANIZATION' || m.type === 'PERSON',
      );
      if (antecedent)
        return {
          speaker: phrase,
          mention: { start: antecedent.start, end: antecedent.end },
          entityId: antecedent.entityId,
          resolution: 'pronoun',
          role: null,
        };
      return { speaker: phrase, mention: null, entityId: null, resolution: 'unresolved', role: null };
    }
    const described = this.describedEarlier(phrase, words);
    if (described)
      return {
        speaker: phrase,
        mention: { start: described.start, end: described.end },
        entityId: described.entityId,
        resolution: 'description',
        role: phrase,
      };
    // An unnamed speaker described in lower case ("эксперт", "a senior official") is described by a role.
    const described2 = words.length > 0 && /^\p{Ll}/u.test(words[words.length - 1]!.text);
    return {
      speaker: phrase,
      mention: null,
      entityId: null,
      resolution: 'unresolved',
      role: described2 ? phrase : null,
    };
  }

  /**
   * An outlet speaks when the phrase is its name, with at most a word saying what it is ("агентство
   * Reuters"); in "собеседник ТАСС" or "сообщили РИА Новости в подполье" it is who was spoken to.
   */
  private outletSpeaks(phrase: Span, outlet: Span): boolean {
    const rest = [
      ...wordsIn(this.text, phrase.start, outlet.start),
      ...wordsIn(this.text, outlet.end, phrase.end),
    ].map((w) => w.text.toLowerCase());
    return rest.every((w) => OUTLET_WORDS.has(w));
  }

  /** The phrase outside the name, when it says what the person is ("военный эксперт", "a spokesman"). */
  private roleAround(phrase: Span, named: Span): Span | null {
    const before = wordsIn(this.text, phrase.start, named.start).filter(
      (w) => !ARTICLES.has(w.text.toLowerCase()),
    );
    const after = wordsIn(this.text, named.end, phrase.end).filter(
      (w) => !ARTICLES.has(w.text.toLowerCase()),
    );
    const side: Word[] = before.length >= after.length ? before : after;
    if (side.length === 0) return null;
    return { start: side[0]!.start, end: side[side.length - 1]!.end };
  }

  private lastBefore(offset: number, test: (m: SpeakerCandidate) => boolean): SpeakerCandidate | null {
    let found: SpeakerCandidate | null = null;
    for (const m of this.mentions) {
      if (m.start >= offset) break;
      if (test(m)) found = m;
    }
    // An antecedent more than a few paragraphs back is a guess, not a reading.
    if (found && offset - found.end > 1500) return null;
    return found;
  }

  /**
   * The last person named before `phrase` who was called by its head word: "эксперт" after "военный
   * эксперт Виктор Баранец", "the minister" after "Foreign Minister Sergei Lavrov" or ", the
   * minister,". Only the title written with the name and the few words beside it count.
   */
  private describedEarlier(phrase: Span, words: readonly Word[]): SpeakerCandidate | null {
    const head = words[words.length - 1];
    // A description is a common noun in lower case; a capitalized head is a name nobody recognized.
    if (!head || head.text.length < 4 || !/^\p{Ll}/u.test(head.text) || PADDING.has(head.text.toLowerCase()))
      return null;
    const stem = stemOf(head.text);
    let found: SpeakerCandidate | null = null;
    for (const m of this.mentions) {
      if (m.start >= phrase.start) break;
      if (m.type !== 'PERSON') continue;
      const before =
        this.text
          .slice(Math.max(0, m.start - 40), m.start)
          .split(/[.!?\n]/)
          .pop() ?? '';
      const after = /^,\s*([^,.!?\n]{1,60})[,.]/u.exec(this.text.slice(m.end, m.end + 70))?.[1] ?? '';
      const near = [
        m.title ?? '',
        ...wordsIn(before, 0, before.length)
          .slice(-3)
          .map((w) => w.text),
        after,
      ].join(' ');
      if (wordsIn(near, 0, near.length).some((w) => stemOf(w.text) === stem)) found = m;
    }
    return found;
  }
}
