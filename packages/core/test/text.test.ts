import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  analyze,
  foldForSearch,
  identifyLanguage,
  indexForm,
  makeSnippet,
  normalizeText,
  paragraphSpans,
  parseQuery,
  positiveTerms,
  queryStems,
} from '@echotrace/core';

describe('normalizeText', () => {
  it('composes to NFC, unifies line breaks and separates paragraphs by one blank line', () => {
    const raw = 'Е\u0308лка  и\u00A0ёж\r\n\r\n\r\n  Второй   абзац\nпродолжение \u200B\n\n\n';
    assert.equal(normalizeText(raw), 'Ёлка и ёж\n\nВторой абзац\nпродолжение');
  });
  it('gives paragraph spans that slice back to the paragraphs', () => {
    const text = normalizeText('One.\n\nTwo two.\n\nThree.');
    assert.deepEqual(
      paragraphSpans(text).map((s) => text.slice(s.start, s.end)),
      ['One.', 'Two two.', 'Three.'],
    );
    assert.deepEqual(paragraphSpans(''), []);
  });
});

describe('analyzer', () => {
  it('folds ё, case and accents but keeps й', () => {
    assert.equal(foldForSearch('ЁЛКА'), 'елка');
    assert.equal(foldForSearch('Йошкар'), 'йошкар');
    assert.equal(foldForSearch('Café'), 'cafe');
  });
  it('stems by script and keeps exact offsets of the original words', () => {
    const text = 'Санкции против КНДР; sanctions on Pyongyang.';
    const tokens = analyze(text);
    assert.deepEqual(
      tokens.map((t) => t.term),
      ['санкц', 'прот', 'кндр', 'sanction', 'on', 'pyongyang'],
    );
    for (const token of tokens) assert.equal(text.slice(token.start, token.end), token.surface);
  });
  it('indexes Han text per character', () => {
    assert.equal(indexForm('朝鲜领导人'), '朝 鲜 领 导 人');
  });
  it('makes case forms of a Russian name meet in at least one stem', () => {
    const indexed = new Set(
      ['Пхеньяна', 'Пхеньяне', 'Пхеньяну', 'Пхеньяном', 'Малофеева', 'Малофееву'].map((w) => indexForm(w)),
    );
    const query = new Set([...queryStems('пхеньян'), ...queryStems('малофеев')]);
    for (const term of indexed) assert.ok(query.has(term), `${term} is reachable from the query`);
  });
});

describe('identifyLanguage', () => {
  const samples: Record<string, string> = {
    ru: 'Президент России заявил, что переговоры с Пхеньяном будут продолжены в ближайшее время.',
    uk: 'Президент України заявив, що переговори будуть продовжені найближчим часом.',
    be: 'Прэзідэнт Беларусі заявіў, што перамовы будуць працягнутыя ў бліжэйшы час.',
    bg: 'Президентът на България заяви, че преговорите ще продължат в близко бъдеще.',
    en: 'The president said on Monday that talks with Pyongyang would continue soon.',
    zh: '朝鲜领导人金正恩访问俄罗斯，双方讨论了军事合作问题。',
    ko: '김정은 국무위원장이 러시아를 방문해 군사 협력 문제를 논의했다.',
    fa: 'رئیس جمهور ایران گفت که مذاکرات به زودی ادامه خواهد یافت.',
    ar: 'قال الرئيس الروسي إن المحادثات ستستمر في المستقبل القريب.',
  };
  for (const [language, text] of Object.entries(samples)) {
    it(`identifies ${language}`, () => assert.equal(identifyLanguage(text), language));
  }
  it('says und for text without letters', () => assert.equal(identifyLanguage('12:45 — 3/4'), 'und'));
});

describe('makeSnippet', () => {
  it('cuts around the densest cluster of matches and marks them in the original words', () => {
    const filler = 'Погода была хорошей. '.repeat(30);
    const text = `${filler}Москва и Пхеньян обсудили санкции. ${filler}`;
    const snippet = makeSnippet(text, positiveTerms(parseQuery('Пхеньян санкции').text));
    assert.ok(snippet.text.startsWith('…') && snippet.text.endsWith('…'));
    assert.deepEqual(
      snippet.highlights.map((h) => snippet.text.slice(h.start, h.end)),
      ['Пхеньян', 'санкции'],
    );
    assert.ok(snippet.text.length <= 245);
  });
  it('marks given spans (entity mentions) beside matched words, merging overlaps', () => {
    const text = 'Глеб Туманов заявил о санкциях. Туманова поддержали.';
    const snippet = makeSnippet(text, positiveTerms(parseQuery('санкции').text), 240, [
      { start: 0, end: 12 },
      { start: 5, end: 12 },
      { start: 32, end: 40 },
    ]);
    assert.deepEqual(
      snippet.highlights.map((h) => snippet.text.slice(h.start, h.end)),
      ['Глеб Туманов', 'санкциях', 'Туманова'],
    );
  });
  it('keeps highlight offsets right across line breaks', () => {
    const text = 'Первый абзац.\n\nВторой абзац про КНДР.';
    const snippet = makeSnippet(text, positiveTerms(parseQuery('КНДР').text));
    assert.equal(snippet.text.slice(snippet.highlights[0]!.start, snippet.highlights[0]!.end), 'КНДР');
  });
});
