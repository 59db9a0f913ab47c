// CoNLL-2003 column files (word POS chunk NE, IOB1 tags, -DOCSTART- between documents). The text of a
// document is rebuilt as tokens joined by spaces, one sentence per line, so spans have offsets.
import type { GoldSpan, LabeledDocument } from './labeled.document.ts';
import type { TextToken } from '../recognition/word.tokenizer.ts';

export function parseConll(content: string, origin: string): LabeledDocument[] {
  const documents: LabeledDocument[] = [];
  let text = '';
  let sequences: TextToken[][] = [];
  let gold: GoldSpan[] = [];
  let sentence: TextToken[] = [];
  // In an object so the closures below and the loop see one shared, non-narrowed value.
  const state: { open: GoldSpan | null } = { open: null };

  const closeEntity = (): void => {
    if (state.open) gold.push(state.open);
    state.open = null;
  };
  const closeSentence = (): void => {
    closeEntity();
    if (sentence.length > 0) {
      sequences.push(sentence);
      text += '\n';
    }
    sentence = [];
  };
  const closeDocument = (): void => {
    closeSentence();
    if (sequences.length > 0)
      documents.push({ id: `${origin}#${documents.length + 1}`, text, sequences, gold });
    text = '';
    sequences = [];
    gold = [];
  };

  for (const line of content.split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      closeDocument();
      continue;
    }
    if (columns.length < 2 || columns[0] === '') {
      closeSentence();
      continue;
    }
    const word = columns[0]!;
    const tag = columns[columns.length - 1]!;
    if (sentence.length > 0) text += ' ';
    const token = { text: word, start: text.length, end: text.length + word.length };
    text += word;
    sentence.push(token);
    const type = tag === 'O' ? null : tag.slice(2);
    const current = state.open;
    // IOB1: I-X continues an X entity; B-X starts a new one only right after another X.
    if (type === null) closeEntity();
    else if (current && current.type === type && !tag.startsWith('B-')) current.end = token.end;
    else {
      closeEntity();
      state.open = { start: token.start, end: token.end, type };
    }
  }
  closeDocument();
  return documents;
}
