// Quotes of a document: direct speech in quotation marks or after a dialogue dash, and indirect
// speech (X said that …, по словам X …), each with its cue, its speaker phrase resolved to an entity
// of the same document, and its nesting. Rules over words and marks, tuned on PolNeAR train and on one
// half of the Russian ADAQ sentences (docs/quality.md); no statistical model.
import { paragraphSpans } from '@echotrace/core';
import { EN_SOURCE_PREPOSITIONS, isEnglishCue, isRussianCue, RU_SOURCE_PREPOSITIONS } from './quote.cues.ts';
import { findQuotedRegions, type QuotedRegion } from './quote.marks.ts';
import type { ExtractedQuote, QuoteExtractionInput, QuoteMode, Span } from './quote.model.ts';
import { plausibleSpeaker, speakerPhrase, SpeakerResolver } from './quote.speaker.ts';
import { sentencesIn, trimClause, trimContent, wordsIn, type Word } from './quote.text.ts';

interface Attribution {
  cue: Span;
  speaker: Span | null;
  construction: string;
  /** Where the attribution ends, for a quote split by it ("…," he said, "…"). */
  end: number;
}

// English verbs that take what was said without "that" (she said the plan failed).
const ENGLISH_BARE_CUES = new Set(
  'say said says believe believes believed think thinks thought argue argued argues claim claimed claims insist insisted insists warn warned warns add added adds note noted notes suggest suggested suggests predict predicted predicts acknowledge acknowledged acknowledges admit admitted admits contend contended maintain maintained feel felt feels hope hoped hopes fear feared fears estimate estimated estimates allege alleged alleges announce announced announces explain explained explains agree agreed agrees wrote write writes stated states declared declares asserted asserts recalled'.split(
    ' ',
  ),
);

const TIME_WORDS = new Set([
  'назад',
  'ago',
  'году',
  'годом',
  'вчера',
  'сегодня',
  'yesterday',
  'today',
  'ранее',
  'earlier',
  'накануне',
]);

// A period after these ends no clause: "Mrs. Obama's chief of staff", "В. Путин".
const ABBREVIATION =
  /(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Jr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Sgt|Capt|U\.S|г|гг|им)$/u;

const DASH = '[—–]|-(?=\\s)';
const CONTENT_MIN_WORDS = 3;
/** A quoted passage with no cue counts as a quote only when it reads as speech, not as a name. */
const UNATTRIBUTED_MIN_WORDS = 6;

export function extractQuotes(input: QuoteExtractionInput): ExtractedQuote[] {
  return new QuoteExtraction(input).run();
}

class QuoteExtraction {
  private readonly text: string;
  private readonly lemmatize: QuoteExtractionInput['lemmatize'];
  private readonly resolver: SpeakerResolver;
  private readonly regions: QuotedRegion[];
  private readonly quotes: ExtractedQuote[] = [];
  private readonly quoteOfRegion = new Map<number, number>();
  private readonly consumed = new Set<number>();

  constructor(input: QuoteExtractionInput) {
    this.text = input.text;
    this.lemmatize = input.lemmatize;
    this.resolver = new SpeakerResolver(input.text, input.mentions ?? []);
    this.regions = findQuotedRegions(input.text, paragraphSpans(input.text));
  }

  run(): ExtractedQuote[] {
    const paragraphs = paragraphSpans(this.text);
    const sentences = paragraphs.flatMap((p) => sentencesIn(this.text, p, (i) => this.insideTopRegion(i)));
    // Outer quotes first, so a nested one knows its parent.
    const order = this.regions
      .map((_, i) => i)
      .sort((a, b) => this.regions[a]!.depth - this.regions[b]!.depth || a - b);
    for (const index of order) this.directFromRegion(index, sentences);
    for (let k = 0; k < sentences.length; k++) if (this.unmarked(sentences[k]!, sentences[k + 1])) k++;
    const inserted = [...this.quotes];
    const sorted = this.quotes
      .filter((q) => !this.dropped.has(q))
      .sort((a, b) => a.content.start - b.content.start || a.level - b.level);
    // Parents were recorded as insertion indexes; point them at positions in the sorted list.
    return sorted.map((q) => (q.parent === null ? q : { ...q, parent: sorted.indexOf(inserted[q.parent]!) }));
  }

  // ---- direct speech in quotation marks -------------------------------------------------------

  private directFromRegion(index: number, sentences: readonly Span[]): void {
    if (this.consumed.has(index)) return;
    const region = this.regions[index]!;
    // A quote running across paragraphs: every paragraph's region is a part of one quote.
    const chain = [index];
    for (let k = index + 1; k < this.regions.length; k++)
      if (this.regions[k]!.continues === chain[chain.length - 1]) chain.push(k);
    const contents = chain.map((k) =>
      trimClause(this.text, this.regions[k]!.content.start, this.regions[k]!.content.end),
    );
    if (contents.every((c) => c.end <= c.start)) return;
    const parentQuote = region.parent !== null ? this.quoteOfRegion.get(region.parent) : undefined;
    const parentRegion = region.parent !== null ? this.regions[region.parent]! : null;
    if (parentRegion && parentQuote === undefined) return; // inside a name or a title: not a quote
    const scopeOf = (r: QuotedRegion): Span => {
      // The sentence the region stands in, or the parent's content for a quote inside a quote.
      const sentence = parentRegion
        ? parentRegion.content
        : (sentences.find((s) => s.start <= r.open && r.open < s.end) ?? { start: r.open, end: r.after });
      return { start: sentence.start, end: Math.max(sentence.end, r.after) };
    };
    const last = this.regions[chain[chain.length - 1]!]!;
    const inner = chain.length === 1 ? this.splitInside(region) : null;
    const attribution =
      inner ??
      this.attributionAfter(last, scopeOf(last)) ??
      this.attributionBefore(region, scopeOf(region)) ??
      chain
        .slice(0, -1)
        .map((k) => this.attributionAfter(this.regions[k]!, scopeOf(this.regions[k]!)))
        .find((a) => a !== null) ??
      null;
    if (!attribution && !chain.some((k) => this.readsAsSpeech(this.regions[k]!, contents[chain.indexOf(k)]!)))
      return;
    let parts: Span[] = inner ? inner.parts : contents;
    if (attribution && !inner) {
      const next = this.regionAfterAttribution(chain[chain.length - 1]!, attribution.end);
      if (next !== null) {
        parts = [
          ...parts,
          trimClause(this.text, this.regions[next]!.content.start, this.regions[next]!.content.end),
        ];
        this.consumed.add(next);
      }
    }
    for (const k of chain) this.consumed.add(k);
    const added = this.add({
      mode: 'direct',
      parts,
      attribution,
      construction:
        (attribution?.construction ?? 'marks-unattributed') + (chain.length > 1 ? '+paragraphs' : ''),
      unclosed: chain.some((k) => this.regions[k]!.unclosed),
      parent: parentQuote ?? null,
      confidence: attribution ? 0.9 : 0.6,
    });
    if (added !== null) for (const k of chain) this.quoteOfRegion.set(k, added);
  }

  /** «Конечно, — сказал он, — это не о снарядах»: the attribution stands inside the marks. */
  private splitInside(region: QuotedRegion): (Attribution & { parts: Span[] }) | null {
    const { start, end } = region.content;
    const slice = this.text.slice(start, end);
    const pattern = new RegExp(
      `([,.!?…])\\s+(?:${DASH})\\s+([^—–«»"“”]{2,120}?)([,.])\\s+(?:${DASH})\\s+`,
      'gu',
    );
    for (const m of slice.matchAll(pattern)) {
      const clauseStart = start + m.index + m[0].indexOf(m[2]!);
      const clauseEnd = clauseStart + m[2]!.length;
      const found = this.cueClause(clauseStart, clauseEnd);
      if (!found) continue;
      const first = trimClause(this.text, start, start + m.index + 1);
      const second = trimClause(this.text, start + m.index + m[0].length, end);
      if (first.end <= first.start || second.end <= second.start) continue;
      return { ...found, construction: 'marks-split-inside', end: clauseEnd, parts: [first, second] };
    }
    // «Мы не уйдём, — заявил депутат. (the closing mark forgotten): the attribution ends the region.
    const tail = new RegExp(`([,.!?…])\\s+(?:${DASH})\\s+([^—–«»"“”]{2,120}?)[.!?…]?\\s*$`, 'u').exec(slice);
    if (tail) {
      const clauseStart = start + tail.index + tail[0].indexOf(tail[2]!);
      const found = this.cueClause(clauseStart, clauseStart + tail[2]!.length);
      const first = trimClause(this.text, start, start + tail.index + (tail[1] === ',' ? 0 : 1));
      if (found && first.end > first.start)
        return {
          ...found,
          construction: 'marks-attribution-inside',
          end: clauseStart + tail[2]!.length,
          parts: [first],
        };
    }
    return null;
  }

  /** «…», — отметил эксперт. / "…," he said. / "…," said Smith. */
  private attributionAfter(region: QuotedRegion, scope: Span): Attribution | null {
    if (region.after >= scope.end) return null;
    const from = region.after;
    const head = this.text.slice(from, scope.end);
    const dash = new RegExp(`^\\s*[,.!?…]?\\s*(?:${DASH})\\s*`, 'u').exec(head);
    const comma = /^\s*,\s*/.exec(head);
    // Without a comma or dash after the mark, English puts one inside it: "…," he said.
    const inside = /[,.!?…]$/.test(this.text.slice(region.content.start, region.content.end).trimEnd());
    const space = inside ? /^\s+/.exec(head) : null;
    const lead = dash ?? comma ?? space;
    if (!lead) return null;
    const clauseStart = from + lead[0].length;
    const limit = this.clauseLimit(clauseStart, scope.end);
    // "…," he said, "…": the clause ends where the next quote opens.
    const nextOpen = this.regions.find(
      (r) => r.open >= clauseStart && r.open < limit && r.depth === region.depth,
    );
    // Only after a comma or dash does the quote go on; otherwise the marks belong to the speaker
    // phrase (пресс-атташе компании "British Airways").
    const goesOn = nextOpen && /[,—–-]\s*$/.test(this.text.slice(clauseStart, nextOpen.open));
    const clauseEnd = goesOn ? nextOpen.open : nextOpen ? this.clauseLimit(nextOpen.after, scope.end) : limit;
    const found = this.cueClause(clauseStart, clauseEnd, 10);
    if (!found) return null;
    // Russian attributes direct speech after a dash («…», — сказал он); a comma there ends a name
    // in marks and begins another clause (рассказал «Вестнику», почему считает …).
    if (!dash && /\p{Script=Cyrillic}/u.test(this.text.slice(found.cue.start, found.cue.end))) return null;
    return { ...found, construction: dash ? 'marks-dash-after' : 'marks-cue-after', end: clauseEnd };
  }

  /** Он сказал: «…» / Smith said, "…" / По словам Смита, «…» / X said that "…". */
  private attributionBefore(region: QuotedRegion, scope: Span): Attribution | null {
    if (region.open <= scope.start) return null;
    const before = this.text.slice(scope.start, region.open);
    const tail = /[\s:,]*(?:(?<![\p{L}])(?:that|что|будто|мол)\s*)?$/iu.exec(before)!;
    // Russian direct speech follows a colon or "что"; English may quote straight after the verb
    // (called it "a disaster"), but then the quoted words must be more than a name.
    const linked = /[:,]|(?:that|что|будто|мол)/iu.test(tail[0]);
    const quotedWords = wordsIn(this.text, region.content.start, region.content.end).length;
    if (!linked && (/\p{Script=Cyrillic}/u.test(before) || quotedWords < 3)) return null;
    const clauseEnd = scope.start + before.length - tail[0].length;
    const clauseStart = this.clauseStartBefore(clauseEnd, scope.start);
    const prep = this.prepositionCue(clauseStart, clauseEnd);
    if (prep) return { ...prep, construction: 'marks-according-before', end: region.open };
    const words = wordsIn(this.text, clauseStart, clauseEnd);
    // The cue is the last verb of the clause or close to it: "Smith told reporters:" "Заявил Песков:".
    for (let k = words.length - 1; k >= Math.max(0, words.length - 4); k--) {
      if (!this.isCue(words[k]!)) continue;
      const cue = { start: words[k]!.start, end: words[k]!.end };
      // The subject may stand before a comma the clause starts after ("Туманов, владелец холдинга, говорит …:").
      const subject = this.subjectBefore(cue.start, this.clauseStartBefore(cue.start, scope.start));
      const object = speakerPhrase(this.text, cue.end, clauseEnd);
      const speaker = subject ?? (object && plausibleSpeaker(this.text, object) ? object : null);
      if (!speaker && k !== words.length - 1) continue;
      return { cue, speaker, construction: 'marks-cue-before', end: region.open };
    }
    return null;
  }

  private regionAfterAttribution(index: number, end: number): number | null {
    const region = this.regions[index]!;
    for (let k = index + 1; k < this.regions.length; k++) {
      const next = this.regions[k]!;
      if (next.depth !== region.depth) continue;
      if (next.open < end) continue;
      return /^[\s,:;—–-]*$/.test(this.text.slice(end, next.open)) ? k : null;
    }
    return null;
  }

  private readsAsSpeech(region: QuotedRegion, content: Span): boolean {
    const words = wordsIn(this.text, content.start, content.end);
    if (words.length >= UNATTRIBUTED_MIN_WORDS) return true;
    // A short passage that ends a sentence of its own inside the marks ("Never!" "Да, это так.").
    return (
      words.length >= 2 && /[.!?…]$/.test(this.text.slice(content.start, content.end)) && !region.unclosed
    );
  }

  // ---- speech without marks: dialogue dashes and indirect speech ------------------------------

  /** True when the next sentence was taken as the continuation of a dialogue line. */
  private unmarked(sentence: Span, next: Span | undefined): boolean {
    const inSentence = (q: ExtractedQuote): boolean =>
      q.content.start < sentence.end && sentence.start < q.content.end;
    if (this.quotes.some((q) => inSentence(q) && q.mode === 'direct' && q.cue !== null)) return false;
    // Marks with no cue of their own inside reported speech ("X говорит, что Y был выбран как «…»")
    // are part of that speech: the indirect quote takes them in.
    const loose = this.quotes.filter((q) => inSentence(q) && q.cue === null && q.level === 0);
    const before = this.quotes.length;
    const found =
      this.dashAttribution(sentence, next) ||
      this.prepositional(sentence) ||
      this.cueThenContent(sentence) ||
      this.contentThenCue(sentence);
    if (found && this.quotes.length > before) {
      const added = this.quotes[this.quotes.length - 1]!;
      for (const q of loose)
        if (
          q.content.start >= added.content.start &&
          q.content.end <= added.content.end + 1 &&
          !this.quotes.some((c) => c.parent === this.quotes.indexOf(q))
        )
          this.dropped.add(q);
    }
    return found && this.tookNext;
  }

  private readonly dropped = new Set<ExtractedQuote>();

  private tookNext = false;

  /** — Мы готовы, — сказал он. / Ситуация под контролем, — заявил Песков. */
  private dashAttribution(sentence: Span, next: Span | undefined): boolean {
    this.tookNext = false;
    const slice = this.text.slice(sentence.start, sentence.end);
    const m = new RegExp(`([,!?…])\\s+(?:${DASH})\\s+`, 'u').exec(slice);
    if (!m) return false;
    const leading = new RegExp(`^(?:${DASH})\\s*`, 'u').exec(slice);
    const contentStart = sentence.start + (leading ? leading[0].length : 0);
    const clauseStart = sentence.start + m.index + m[0].length;
    const rest = this.text.slice(clauseStart, sentence.end);
    const continuation = new RegExp(`[,.]\\s+(?:${DASH})\\s+`, 'u').exec(rest);
    const clauseEnd = continuation
      ? clauseStart + continuation.index
      : this.clauseLimit(clauseStart, sentence.end);
    const found = this.cueClause(clauseStart, clauseEnd, 4);
    if (!found) return false;
    const parts = [trimClause(this.text, contentStart, sentence.start + m.index + (m[1] === ',' ? 0 : 1))];
    if (continuation)
      parts.push(
        trimClause(this.text, clauseStart + continuation.index + continuation[0].length, sentence.end),
      );
    // "— Мы готовы, — сказал он. — Но не сейчас.": the line goes on in the next sentence.
    else if (
      next &&
      clauseEnd >= sentence.end - 1 &&
      new RegExp(`^(?:${DASH})\\s`, 'u').test(this.text.slice(next.start, next.end)) &&
      /^\s*$/.test(this.text.slice(sentence.end, next.start).replace(/\n/, 'X'))
    ) {
      parts.push(trimClause(this.text, next.start, next.end));
      this.tookNext = true;
    }
    if (wordsIn(this.text, parts[0]!.start, parts[0]!.end).length < 2) return false;
    this.add({
      mode: 'direct',
      parts,
      attribution: found,
      construction: leading ? 'dialogue-dash' : 'dash-unmarked',
      unclosed: false,
      parent: null,
      confidence: 0.85,
    });
    return true;
  }

  /** По словам X, … / …, по словам X. / According to X, … / Как заявил X, … */
  private prepositional(sentence: Span): boolean {
    const lower = this.text.slice(sentence.start, sentence.end).toLowerCase();
    for (const phrase of [...RU_SOURCE_PREPOSITIONS, ...EN_SOURCE_PREPOSITIONS]) {
      let at = lower.indexOf(phrase);
      while (at >= 0 && !this.wordBoundary(sentence.start + at, phrase.length))
        at = lower.indexOf(phrase, at + 1);
      if (at < 0) continue;
      const cue = { start: sentence.start + at, end: sentence.start + at + phrase.length };
      const afterCue = this.clauseLimit(cue.end, sentence.end, true, false);
      const speakerSpan = speakerPhrase(this.text, cue.end, afterCue);
      let content: Span;
      if (
        /^[\s,]*$/.test(this.text.slice(sentence.start, cue.start)) ||
        this.text.slice(sentence.start, cue.start).trim() === ''
      ) {
        content = trimContent(this.text, afterCue, sentence.end);
      } else {
        content = trimContent(this.text, sentence.start, cue.start);
        // "…, according to X, …": the content may go on after the speaker.
        if (
          afterCue < sentence.end - 2 &&
          wordsIn(this.text, afterCue, sentence.end).length >= CONTENT_MIN_WORDS &&
          wordsIn(this.text, content.start, content.end).length < CONTENT_MIN_WORDS
        )
          content = trimContent(this.text, afterCue, sentence.end);
      }
      if (wordsIn(this.text, content.start, content.end).length < CONTENT_MIN_WORDS) continue;
      this.add({
        mode: 'indirect',
        parts: [content],
        attribution: { cue, speaker: speakerSpan },
        construction: 'according-to',
        unclosed: false,
        parent: null,
        confidence: 0.8,
      });
      return true;
    }
    return false;
  }

  /** X said (that) … / X отметил, что … / Мама сказала: … */
  private cueThenContent(sentence: Span): boolean {
    const words = wordsIn(this.text, sentence.start, sentence.end);
    for (let k = 0; k < words.length - CONTENT_MIN_WORDS; k++) {
      const word = words[k]!;
      if (!this.isCue(word)) continue;
      const clauseStart = this.clauseStartBefore(word.start, sentence.start);
      const subject = this.subjectBefore(word.start, clauseStart);
      if (!subject) continue;
      // After the cue: an addressee or object at most ("told reporters", "заявил журналистам"), then
      // "that"/"что"/"о том, что"/a colon, or (English) the content straight away.
      const after = this.text.slice(word.end, Math.min(sentence.end, word.end + 80));
      const english = /\p{Script=Latin}/u.test(word.text);
      const linkedMatch =
        /^(?:\s+[\p{L}\p{N}"«»“”’'-]+){0,6}?(?:\s*,)?\s*(?:(?:о том,\s*)?(?:что|будто|чтобы)(?![\p{L}])|that(?![\p{L}])|:)/iu.exec(
          after,
        );
      const linker = linkedMatch ?? (english ? /^,?\s*(?=[\p{L}\p{N}])/u.exec(after) : null);
      if (!linker) continue;
      const linked = linkedMatch !== null;
      if (!linked && !ENGLISH_BARE_CUES.has(word.text.toLowerCase())) continue;
      // The complementizer belongs to what was said ("that the plan failed", "что план провалился"),
      // as both PolNeAR and ADAQ annotate it; a colon does not.
      const complementizer = /(?:о том,\s*)?(?:что|будто|чтобы|that)\s*$/iu.exec(linker[0]);
      const contentStart = word.end + linker[0].length - (complementizer ? complementizer[0].length : 0);
      const content = trimContent(this.text, contentStart, sentence.end);
      if (wordsIn(this.text, content.start, content.end).length < CONTENT_MIN_WORDS) continue;
      this.add({
        mode: 'indirect',
        parts: [content],
        attribution: {
          cue: { start: word.start, end: word.end },
          speaker: subject,
        },
        construction: linked ? 'cue-that' : 'cue-content',
        unclosed: false,
        parent: null,
        confidence: linked ? 0.8 : 0.6,
      });
      return true;
    }
    return false;
  }

  /** …, считает эксперт. / …, he said. / …, сообщил источник. */
  private contentThenCue(sentence: Span): boolean {
    const slice = this.text.slice(sentence.start, sentence.end);
    const comma = slice.lastIndexOf(',');
    if (comma < 0) return false;
    const clauseStart = sentence.start + comma + 1;
    const found = this.cueClause(clauseStart, this.clauseLimit(clauseStart, sentence.end), 3);
    if (!found) return false;
    const tailWords = wordsIn(this.text, clauseStart, sentence.end).length;
    if (tailWords > 10) return false;
    const content = trimContent(this.text, sentence.start, sentence.start + comma);
    if (wordsIn(this.text, content.start, content.end).length < CONTENT_MIN_WORDS) return false;
    this.add({
      mode: 'indirect',
      parts: [content],
      attribution: found,
      construction: 'content-cue',
      unclosed: false,
      parent: null,
      confidence: 0.7,
    });
    return true;
  }

  // ---- pieces ---------------------------------------------------------------------------------

  /**
   * A clause holding a cue and its speaker: "отметил военный эксперт Виктор Баранец", "he said",
   * "said Smith", "эксперт считает". The cue must be among its first `within` words.
   */
  private cueClause(
    start: number,
    end: number,
    within = 4,
  ): Omit<Attribution, 'construction' | 'end'> | null {
    const words = wordsIn(this.text, start, end);
    for (let k = 0; k < Math.min(within, words.length); k++) {
      const word = words[k]!;
      if (!this.isCue(word)) continue;
      const cue = { start: word.start, end: word.end };
      const before = k > 0 ? speakerPhrase(this.text, start, word.start) : null;
      if (before && plausibleSpeaker(this.text, before)) return { cue, speaker: before };
      const after = speakerPhrase(this.text, word.end, this.clauseLimit(word.end, end, true));
      return { cue, speaker: after && plausibleSpeaker(this.text, after) ? after : null };
    }
    return null;
  }

  /** The subject just before a cue: the words back to the clause's start, at most eight. */
  private subjectBefore(cueStart: number, clauseStart: number): Span | null {
    const words = wordsIn(this.text, clauseStart, cueStart);
    // "Ровно год назад «Вестник» написал", "A year ago this publication wrote": time is no speaker.
    const time = words.findLastIndex((w) => TIME_WORDS.has(w.text.toLowerCase()));
    const tail = words.slice(time + 1).slice(-12);
    if (tail.length === 0) return null;
    const phrase = speakerPhrase(this.text, tail[0]!.start, tail[tail.length - 1]!.end);
    if (!phrase) return null;
    if (plausibleSpeaker(this.text, phrase)) return phrase;
    return this.subjectAfterPrepositionalPhrase(phrase);
  }

  /**
   * "О такой войне министр обороны Сергей Шойгу сказал", "Со ссылкой на Росстат издание пишет": a
   * clause opening with a prepositional phrase. The subject is the person named last with at most two
   * words of role before the name (Russian writes roles before names), or else the last word.
   */
  private subjectAfterPrepositionalPhrase(phrase: Span): Span | null {
    const words = wordsIn(this.text, phrase.start, phrase.end);
    const person = this.resolver.lastPersonWithin(phrase);
    if (person) {
      const before = words.filter((w) => w.end <= person.start);
      let start = person.start;
      const roleWords = before
        .slice(-2)
        .filter((w) => /^\p{Ll}/u.test(w.text) && /\p{Script=Cyrillic}/u.test(w.text));
      if (roleWords.length === before.slice(-2).length && roleWords.length > 0) start = roleWords[0]!.start;
      else if (
        before.length > 0 &&
        /^\p{Ll}/u.test(before[before.length - 1]!.text) &&
        /\p{Script=Cyrillic}/u.test(before[before.length - 1]!.text)
      )
        start = before[before.length - 1]!.start;
      const candidate = { start, end: phrase.end };
      return plausibleSpeaker(this.text, candidate) ? candidate : null;
    }
    const last = words[words.length - 1];
    if (!last || !/^\p{Ll}/u.test(last.text)) return null;
    const candidate = { start: last.start, end: last.end };
    return plausibleSpeaker(this.text, candidate) ? candidate : null;
  }

  private clauseStartBefore(offset: number, limit: number): number {
    let skipped = false;
    for (let i = offset - 1; i >= limit; i--) {
      const ch = this.text[i]!;
      // Quotation marks do not end a subject: «РИА Новости», "The Times" are names inside it.
      if (/[.!?;:(]/.test(ch) || ((ch === '—' || ch === '–') && /\s/.test(this.text[i + 1] ?? '')))
        return i + 1;
      if (ch === ',' && !this.appositiveComma(i, offset)) {
        // "Графиня Уварова, многолетний председатель общества, говорила": a lower-case phrase between
        // two commas right before the cue describes the name before it.
        if (/^\s*$/.test(this.text.slice(i + 1, offset)) && !skipped) {
          const previous = this.text.lastIndexOf(',', i - 1);
          if (
            previous >= limit &&
            /^\s*\p{Ll}[^.!?;:]*$/u.test(this.text.slice(previous + 1, i)) &&
            i - previous < 100
          ) {
            skipped = true;
            i = previous;
            continue;
          }
        }
        return i + 1;
      }
    }
    return limit;
  }

  // "Viktor Baranets, a military expert, said": a comma inside the subject, not a clause break.
  private appositiveComma(comma: number, offset: number): boolean {
    const between = this.text.slice(comma + 1, offset);
    return /^\s*(?:a|an|the)\s/i.test(between) && between.includes(',');
  }

  /** Where a clause starting at `from` ends: the first clause punctuation (or a comma, when `comma`). */
  private clauseLimit(from: number, end: number, comma = false, openAppositive = true): number {
    for (let i = from; i < end; i++) {
      const ch = this.text[i]!;
      if (comma && ch === ',' && !openAppositive && !this.closedAppositive(i, end)) return i;
      if (
        /[.!?;:«“„"(\n]/.test(ch) &&
        !(ch === '.' && ABBREVIATION.test(this.text.slice(Math.max(0, i - 5), i)))
      )
        return i;
      if (comma && ch === ',' && !/^\s*(?:a|an|the|who)\s/i.test(this.text.slice(i + 1, i + 6))) return i;
      if ((ch === '—' || ch === '–') && i > from && /\s/.test(this.text[i - 1]!)) return i;
    }
    return end;
  }

  /** ", the former minister," — an appositive closed by a second comma before `end`. */
  private closedAppositive(comma: number, end: number): boolean {
    const rest = this.text.slice(comma + 1, end);
    return /^\s*(?:a|an|the)\s[^,]{1,80},/i.test(rest);
  }

  private prepositionCue(start: number, end: number): Omit<Attribution, 'construction' | 'end'> | null {
    const lower = this.text.slice(start, end).toLowerCase();
    for (const phrase of [...RU_SOURCE_PREPOSITIONS, ...EN_SOURCE_PREPOSITIONS]) {
      const at = lower.indexOf(phrase);
      if (at < 0 || !this.wordBoundary(start + at, phrase.length)) continue;
      const cue = { start: start + at, end: start + at + phrase.length };
      return { cue, speaker: speakerPhrase(this.text, cue.end, end) };
    }
    return null;
  }

  private wordBoundary(at: number, length: number): boolean {
    return (
      !/[\p{L}\p{N}]/u.test(this.text[at - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(this.text[at + length] ?? ' ')
    );
  }

  private isCue(word: Word): boolean {
    if (/\p{Script=Cyrillic}/u.test(word.text)) return isRussianCue(word.text, this.lemmatize);
    return isEnglishCue(word.text);
  }

  private insideTopRegion(offset: number): boolean {
    return this.regions.some((r) => r.depth === 0 && r.open < offset && offset < r.close);
  }

  private add(found: {
    mode: QuoteMode;
    parts: Span[];
    attribution: Pick<Attribution, 'cue' | 'speaker'> | null;
    construction: string;
    unclosed: boolean;
    parent: number | null;
    confidence: number;
  }): number | null {
    const parts = found.parts.filter((p) => p.end > p.start);
    if (parts.length === 0) return null;
    const speaker = found.attribution?.speaker ?? null;
    const resolved = speaker ? this.resolver.resolve(speaker) : null;
    const parent = found.parent;
    this.quotes.push({
      mode: found.mode,
      content: { start: parts[0]!.start, end: parts[parts.length - 1]!.end },
      parts,
      cue: found.attribution?.cue ?? null,
      speaker: resolved?.speaker ?? null,
      speakerMention: resolved?.mention ?? null,
      speakerEntityId: resolved?.entityId ?? null,
      resolution: resolved?.resolution ?? 'none',
      role: resolved?.role ?? null,
      level: parent === null ? 0 : this.quotes[parent]!.level + 1,
      parent,
      unclosed: found.unclosed,
      construction: found.construction,
      confidence: found.confidence,
    });
    return this.quotes.length - 1;
  }
}
