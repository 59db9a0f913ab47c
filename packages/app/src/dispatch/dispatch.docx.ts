// A dispatch as a Word document (the `docx` library), for editors who work in Word: the same
// blocks, footnotes and machine-translation marks as the Markdown and HTML renderings, with Word's
// own footnotes so they renumber if an editor moves paragraphs. A document cited twice is one
// footnote referred to twice. Unlike Markdown and HTML, the bytes are not stable across runs (the
// zip and core properties carry times); the text is.
import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import { templateData } from './dispatch.render.ts';
import type { DispatchView } from './dispatch.view.ts';

type Data = ReturnType<typeof templateData>;
type Footnote = Data['footnotes'][number];

/** The footnote's citation line, in the order the Markdown template writes it. */
export function citationText(f: Footnote): string {
  const parts = [f.outlet];
  if (f.title) parts.push(`“${f.title}”`);
  if (f.dateText) parts.push(f.dateText);
  if (f.author) parts.push(`by ${f.author}`);
  if (f.url) parts.push(f.url);
  const ownership = f.context.map((line) => ` Ownership: ${line}.`).join('');
  return `${parts.join(', ')}. Archived ${f.capturedAt}, capture SHA-256 ${f.captureSha256}.${ownership}`;
}

// Paragraph breaks inside one block become separate Word paragraphs; single newlines, line breaks.
function paragraphsOf(text: string, style: { italics?: boolean; quote?: boolean } = {}): Paragraph[] {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map(
      (p) =>
        new Paragraph({
          indent: style.quote ? { left: 720 } : undefined,
          children: p
            .split('\n')
            .map((line, i) => new TextRun({ text: line, italics: style.italics, break: i > 0 ? 1 : 0 })),
        }),
    );
}

// The last paragraph of an excerpt carries the footnote reference.
function withReference(
  paragraphs: Paragraph[],
  text: string,
  footnote: number,
  italics = false,
): Paragraph[] {
  const lines = text.trim().split(/\n{2,}/);
  const head = paragraphsOf(lines.slice(0, -1).join('\n\n'), { quote: true, italics });
  const last = lines.at(-1) ?? '';
  const children: ParagraphChild[] = last
    .split('\n')
    .map((line, i) => new TextRun({ text: line, italics, break: i > 0 ? 1 : 0 }));
  children.push(new FootnoteReferenceRun(footnote));
  return [...paragraphs, ...head, new Paragraph({ indent: { left: 720 }, children })];
}

export async function renderDispatchDocx(view: DispatchView): Promise<Buffer> {
  const data = templateData(view);
  const body: Paragraph[] = [];
  if (data.dateText) body.push(new Paragraph({ children: [new TextRun(data.dateText)] }));
  body.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(data.dispatch.headline)] }),
  );
  if (data.dispatch.subheadline)
    body.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(data.dispatch.subheadline)] }),
    );
  if (data.dispatch.summary) body.push(...paragraphsOf(data.dispatch.summary));
  for (const block of data.blocks) {
    if (block.kind === 'heading') {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(block.text)] }));
    } else if (block.kind === 'text') {
      body.push(...paragraphsOf(block.text));
    } else if (block.kind === 'excerpt') {
      if (block.translation) {
        body.push(...withReference([], block.translation, block.footnote));
        if (block.machineNote) body.push(...paragraphsOf(block.machineNote, { italics: true, quote: true }));
        body.push(...paragraphsOf(`Original: ${block.text}`, { quote: true }));
      } else {
        body.push(...withReference([], block.text, block.footnote));
      }
      if (block.attribution) body.push(...paragraphsOf(`— ${block.attribution}`, { quote: true }));
      if (block.change) body.push(...paragraphsOf(`Note: ${block.change.note}.`, { italics: true }));
      if (block.note) body.push(...paragraphsOf(block.note));
    }
  }
  const footnotes = Object.fromEntries(
    data.footnotes.map((f) => [
      f.number,
      { children: [new Paragraph({ children: [new TextRun(citationText(f))] })] },
    ]),
  );
  const document = new Document({
    creator: 'Echotrace',
    title: data.dispatch.headline,
    description: data.dispatch.summary ?? undefined,
    footnotes,
    sections: [{ children: body }],
  });
  return Packer.toBuffer(document);
}
