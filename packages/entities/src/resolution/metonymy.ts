// Whether a capital's name stands for its government ("Moscow-Beijing-Pyongyang alliance",
// "Pyongyang said", "ties with Pyongyang") or for the city ("in Pyongyang"). Cues are read from
// the words right around the mention; with no cue the place is meant.
import type { ResolvableMention as Mention } from './mention.ts';

export interface SenseDecision {
  government: boolean;
  cue: string;
}

const WINDOW = 48;
const CHAIN_BEFORE = /\p{Lu}[\p{L}]+\s?[-–—]\s?$/u;
const CHAIN_AFTER = /^\s?[-–—]\s?\p{Lu}/u;
const ACTOR_VERB_EN =
  /^\s+(?:(?:has|have|had|will|would|is|was|has\s+not|did\s+not)\s+)?(?:said|says|stated|announced|warned|demanded|rejected|insisted|claimed|wants|wanted|refused|agreed|responded|accused|condemned|denied|threatened|urged|vowed|signed|sent|supplied|supplies|launched|tested|offered|proposed|recognized|backed)\b/i;
const ACTOR_VERB_RU =
  /^\s+(?:(?:уже|не|также)\s+)?(?:заяв|сообщ|объяв|призв|потребова|отверг|предупреди|считает|намерен|готов|обвини|осуди|ответи|соглас|отказа|хочет|пригрози|подписа|постав|запусти|испыта|направи|предлож|признал|поддерж)\p{L}*/iu;
const RELATION_BEFORE_EN = /\b(?:with|against|between|toward|towards|by)\s+$/i;
const RELATION_BEFORE_RU = /(?:^|[\s(«"])(?:с|со|против|между|Москвой\s+и)\s+$/iu;
const POSSESSIVE_AFTER = /^['’]s\s/;
const PLACE_BEFORE =
  /(?:\b(?:in|at|to|from|near|into|around|outside)|(?:^|\s)(?:в|во|из|под|около|возле|до))\s+$/iu;

export function governmentSense(mention: Mention, text: string | undefined): SenseDecision {
  if (mention.type === 'ORGANIZATION') return { government: true, cue: 'recognized as an organization' };
  if (text === undefined) return { government: false, cue: 'no context' };
  const before = text.slice(Math.max(0, mention.start - WINDOW), mention.start);
  const after = text.slice(mention.end, mention.end + WINDOW);
  if (CHAIN_BEFORE.test(before) || CHAIN_AFTER.test(after))
    return { government: true, cue: 'hyphenated with other capitals' };
  if (PLACE_BEFORE.test(before)) return { government: false, cue: 'locative preposition' };
  if (ACTOR_VERB_EN.test(after) || ACTOR_VERB_RU.test(after))
    return { government: true, cue: 'subject of an act of state' };
  if (RELATION_BEFORE_EN.test(before) || RELATION_BEFORE_RU.test(before))
    return { government: true, cue: 'party to a relation' };
  if (POSSESSIVE_AFTER.test(after)) return { government: true, cue: 'possessor' };
  return { government: false, cue: 'no government cue' };
}
