// The entity stage of one document: recognize mentions, then resolve them against the KB. The
// recognizer is a parameter so that this stage can be tested (and wired) independently of it.
import type { KnowledgeBase } from '../kb/knowledge.base.ts';
import type { AliasIndex } from './alias.index.ts';
import { resolveMentions } from './entity.resolver.ts';
import type { ResolvableMention as Mention, ResolvedMention } from './mention.ts';

export type Recognizer = (text: string, language: string) => Mention[] | Promise<Mention[]>;

export async function analyzeEntities(
  text: string,
  language: string,
  kb: KnowledgeBase,
  recognize: Recognizer,
  index?: AliasIndex,
): Promise<ResolvedMention[]> {
  const mentions = await recognize(text, language);
  return resolveMentions(mentions, kb, { text, language, ...(index ? { index } : {}) });
}
