// English headlines in Title Case ("Russian Media Outlet 'Logical Response' To 'Washington-Seoul-
// Tokyo' Alliance Is Creation Of …") capitalize every word, and a tagger that reads capitals as
// names takes fragments of them for organizations. Before tagging, such a line is put in sentence
// case: a capitalized word is lowercased when it is a function word or when the same document also
// writes it in lowercase. Only the words given to the tagger change; offsets and the text do not.
import { ENGLISH_FUNCTION_WORDS } from './common.words.ts';

const MIN_WORDS = 4;
const CAPITALIZED_SHARE = 0.75;

export function truecaseHeadlines(words: string[][]): string[][] {
  const lowercase = new Set<string>();
  for (const sequence of words) for (const word of sequence) if (/^\p{Ll}/u.test(word)) lowercase.add(word);
  return words.map((sequence) => (isHeadline(sequence) ? sentenceCase(sequence, lowercase) : sequence));
}

function isHeadline(sequence: string[]): boolean {
  const alphabetic = sequence.filter((w) => /^\p{L}/u.test(w));
  if (alphabetic.length < MIN_WORDS) return false;
  const content = alphabetic.filter((w) => !ENGLISH_FUNCTION_WORDS.has(w.toLowerCase()));
  const capitalized = content.filter((w) => /^\p{Lu}/u.test(w));
  if (content.length === 0 || capitalized.length / content.length < CAPITALIZED_SHARE) return false;
  // What marks Title Case is capitalized function words after the first word: ordinary sentences,
  // names ("Bank of Poland") and lists of names never write two ("… To … Is … Of").
  const functionWords = alphabetic.slice(1).filter((w) => ENGLISH_FUNCTION_WORDS.has(w.toLowerCase()));
  const capitalizedFunctionWords = functionWords.filter((w) => /^\p{Lu}\p{Ll}*$/u.test(w)).length;
  return capitalizedFunctionWords >= 2;
}

function sentenceCase(sequence: string[], lowercase: Set<string>): string[] {
  let first = true;
  return sequence.map((word) => {
    if (!/^\p{L}/u.test(word)) return word;
    const initial = first;
    first = false;
    if (initial || !/^\p{Lu}\p{Ll}+$/u.test(word)) return word;
    const lower = word.toLowerCase();
    // Same length keeps every per-character feature aligned with the original token.
    if (lower.length !== word.length) return word;
    return ENGLISH_FUNCTION_WORDS.has(lower) || lowercase.has(lower) ? lower : word;
  });
}
