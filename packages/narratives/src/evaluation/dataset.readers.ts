// Readers of the shared training and evaluation sets (never copied into the repo):
// SemEval-2025 Task 10 subtask 2 (documents with narrative and sub-narrative labels), SemEval-2023
// Task 3 subtask 3 (paragraph lines with persuasion techniques), and plain news texts used as the
// explicit "Other" class (FactRuEval and NEREL in Russian, CoNLL-2003 Reuters in English).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@echotrace/core';

export interface NarrativeDocument {
  id: string;
  language: 'en' | 'ru';
  text: string;
  /** Coarse narratives ("URW: Discrediting Ukraine") or ["Other"]. */
  narratives: string[];
  /** Sub-narratives ("URW: Discrediting Ukraine: Ukraine is a puppet of the West") or ["Other"]. */
  subnarratives: string[];
}

export interface TechniqueParagraph {
  articleId: string;
  /** 1-based line number of the paragraph in its article, as the task's label files count. */
  line: number;
  language: 'en' | 'ru';
  text: string;
  techniques: string[];
}

function need(file: string): string {
  if (!existsSync(file)) throw new InputError(file, 'not found');
  return readFileSync(file, 'utf8');
}

const splitLabels = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(';')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * The task's class lists (`subtask2_narratives.txt`, `subtask2_subnarratives.txt` in `dir`), which
 * the official scorer restricts labels to; undefined when `dir` has none (then every label counts).
 */
export function readNarrativeClasses(
  dir: string,
): { coarse: ReadonlySet<string>; fine: ReadonlySet<string> } | undefined {
  const coarse = path.join(dir, 'subtask2_narratives.txt');
  const fine = path.join(dir, 'subtask2_subnarratives.txt');
  if (!existsSync(coarse) || !existsSync(fine)) return undefined;
  const lines = (file: string): Set<string> =>
    new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    );
  return { coarse: lines(coarse), fine: lines(fine) };
}

/** `DIR/train/{EN,RU}` of SemEval-2025 Task 10 (or a directory holding the language folders). */
export function readNarrativeDocuments(dir: string, language: 'en' | 'ru'): NarrativeDocument[] {
  const base = [path.join(dir, 'train', language.toUpperCase()), path.join(dir, language.toUpperCase())].find(
    (d) => existsSync(path.join(d, 'subtask-2-annotations.txt')),
  );
  if (!base) throw new InputError(dir, `no ${language.toUpperCase()}/subtask-2-annotations.txt under it`);
  const out: NarrativeDocument[] = [];
  const seen = new Set<string>();
  for (const [n, line] of need(path.join(base, 'subtask-2-annotations.txt')).split('\n').entries()) {
    if (line.trim() === '') continue;
    const [file, narr, sub] = line.split('\t');
    if (!file || narr === undefined)
      throw new InputError(`${base}/subtask-2-annotations.txt`, `line ${n + 1}: expected 3 columns`);
    if (seen.has(file)) continue;
    seen.add(file);
    out.push({
      id: file.replace(/\.txt$/u, ''),
      language,
      text: need(path.join(base, 'raw-documents', file)),
      narratives: [...new Set(splitLabels(narr))],
      subnarratives: [...new Set(splitLabels(sub))],
    });
  }
  return out;
}

/** `DIR/{en,ru}` of SemEval-2023 Task 3: articles and `train-labels-subtask-3.txt` (id, line, labels). */
export function readTechniqueParagraphs(dir: string, language: 'en' | 'ru'): TechniqueParagraph[] {
  const base = existsSync(path.join(dir, language)) ? path.join(dir, language) : dir;
  const labelsFile = path.join(base, 'train-labels-subtask-3.txt');
  const articles = new Map<string, string[]>();
  const out: TechniqueParagraph[] = [];
  for (const [n, line] of need(labelsFile).split('\n').entries()) {
    if (line.trim() === '') continue;
    const [id, lineNo, labels] = line.split('\t');
    const number = Number(lineNo);
    if (!id || !Number.isInteger(number) || number < 1)
      throw new InputError(labelsFile, `line ${n + 1}: expected id, line number, labels`);
    let lines = articles.get(id);
    if (!lines) {
      lines = need(path.join(base, 'train-articles-subtask-3', `article${id}.txt`)).split('\n');
      articles.set(id, lines);
    }
    const text = lines[number - 1] ?? '';
    out.push({
      articleId: id,
      line: number,
      language,
      text,
      techniques: [
        ...new Set(
          (labels ?? '')
            .split(',')
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        ),
      ],
    });
  }
  return out;
}

/** Plain news texts, one per file: FactRuEval `*.txt`, NEREL `{train,dev}/*_text.txt`. */
export function readNewsTexts(dirs: readonly string[]): Array<{ id: string; text: string }> {
  const out: Array<{ id: string; text: string }> = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.txt')) continue;
      const text = readFileSync(path.join(dir, name), 'utf8').trim();
      if (text.length > 200) out.push({ id: `${path.basename(dir)}/${name}`, text });
    }
  }
  return out;
}

/** CoNLL-2003 (`-DOCSTART-` separated, one token per line): each document's tokens joined back. */
export function readConllTexts(file: string): Array<{ id: string; text: string }> {
  if (!existsSync(file)) return [];
  const out: Array<{ id: string; text: string }> = [];
  let tokens: string[] = [];
  const flush = (): void => {
    if (tokens.length > 60) out.push({ id: `conll/${out.length}`, text: tokens.join(' ') });
    tokens = [];
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) flush();
    else if (line.trim() !== '') tokens.push(line.split(' ')[0]!);
  }
  flush();
  return out;
}

/**
 * Posts of a Telegram channel export (flat JSON list of {message_id, text}), minus `exclude`
 * (`<channel>/<message_id>` ids, e.g. our hand-labelled sample, which must stay unseen).
 */
// The flat channel JSON keeps Telegram's markers (`**bold**`, `[text](url)`); ingest strips them
// (packages/extract telegram.markup.ts), so the posts trained on must be stripped too, or the model
// learns link URLs ("bbc", "t.me") as the sign of Other and loses it on every ingested post. A
// pared-down copy of those rules: this package may import only core.
const LINK = /\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/gu;
const DELIMITER = /\*\*|__|~~|\|\||```|`/gu;

/** A flat-export post's text as a reader (and ingest) sees it: links keep their words, markers go. */
export function readerText(raw: string): string {
  return raw.replace(LINK, '$1').replace(DELIMITER, '');
}

export function readChannelPosts(
  file: string,
  exclude: ReadonlySet<string> = new Set(),
): Array<{ id: string; text: string }> {
  if (!existsSync(file)) return [];
  const channel = path.basename(file).split('_')[0]!;
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Array<{ message_id: number; text?: string }>;
  return messages
    .map((m) => ({ id: `${channel}/${m.message_id}`, text: readerText(m.text ?? '').trim() }))
    .filter((m) => m.text.length > 40 && !exclude.has(m.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
