// A small knowledge base written for these tests, and a helper that turns marked text into mentions
// (so resolution is tested without the recognizer).
import type { EntityType } from '@echotrace/core';
import { buildKnowledgeBase, parseKnowledgeBaseFile, type KnowledgeBase } from '@echotrace/entities';
import type { ResolvableMention } from '@echotrace/entities';

export const FIXTURE_YAML = `
entities:
  - type: PERSON
    id: konstantin-malofeev
    names: { en: Konstantin Malofeev, ru: Константин Малофеев }
    aliases: [Malofeev]
  - type: PERSON
    wikidata: Q56226
    names: { en: Kim Jong Un, ru: Ким Чен Ын }
  - type: PERSON
    id: kim-yo-jong
    names: { en: Kim Yo Jong, ru: Ким Ё Чжон }
  - type: PERSON
    id: sergei-shoigu
    names: { en: Sergei Shoigu, ru: Сергей Шойгу }
    aliases: [Шойгу]
  - type: PERSON
    wikidata: Q7747
    names: { en: Vladimir Putin, ru: Владимир Путин }
    aliases: [Putin, Путин]
  - type: LOCATION
    wikidata: Q423
    names: { en: North Korea, ru: КНДР }
    aliases: [DPRK, Северная Корея]
    metonyms: [Pyongyang, Пхеньян]
  - type: LOCATION
    wikidata: Q159
    names: { en: Russia, ru: Россия }
    metonyms: [Moscow, Москва]
  - type: LOCATION
    wikidata: Q18808
    names: { en: Pyongyang, ru: Пхеньян }
  - type: MEDIA
    id: tsargrad
    names: { en: Tsargrad, ru: Царьград }
  - type: MEDIA
    id: channel-one
    names: { en: Channel One Russia, ru: Первый канал }
`;

export function fixtureKb(): KnowledgeBase {
  return buildKnowledgeBase(parseKnowledgeBaseFile(FIXTURE_YAML, 'fixture.yaml'));
}

/**
 * Mentions for `[[surface|TYPE]]` marks in `marked`; returns the text without marks and the
 * mentions with their offsets into it.
 */
export function marked(markedText: string): { text: string; mentions: ResolvableMention[] } {
  const mentions: ResolvableMention[] = [];
  let text = '';
  let last = 0;
  for (const m of markedText.matchAll(/\[\[([^|\]]+)\|([A-Z]+)\]\]/g)) {
    text += markedText.slice(last, m.index);
    const start = text.length;
    text += m[1]!;
    mentions.push({ text: m[1]!, type: m[2] as EntityType, start, end: text.length, confidence: 0.9 });
    last = m.index + m[0].length;
  }
  text += markedText.slice(last);
  return { text, mentions };
}
