// `dispatch new|add|move|remove|revise|show|list|render|bundle` and `verify`: composing a footnoted
// dispatch from excerpts and checking an evidence bundle. The use cases are app's (src/dispatch);
// this file parses options and prints. Block positions are 1-based here, as `dispatch show` numbers them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '@echotrace/core';
import {
  addBlock,
  addExcerpt,
  createDispatch,
  importDispatchFile,
  loadDispatchView,
  moveBlock,
  removeBlock,
  renderDispatch,
  renderDispatchDocx,
  reviseExcerpt,
  verifyBundle,
  writeDispatchBundle,
  type ExcerptSource,
} from '@echotrace/app';
import { writeJson, type Command, type CommandContext } from '../command.ts';
import { printPdf } from '../pdf.printer.ts';
import { systemClock } from '../system.clock.ts';
import { writeWarcFile } from '../warc.file.ts';

const text = (context: CommandContext, name: string): string | undefined =>
  typeof context.options[name] === 'string' ? context.options[name] : undefined;

function positionals(context: CommandContext, count: number, usage: string): string[] {
  if (context.positionals.length !== count) throw new UsageError(`usage: echotrace ${usage}`);
  return context.positionals;
}

function position(value: string, name: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`${name} must be a block number (1, 2, …), not ${JSON.stringify(value)}`, {
      input: name,
      problem: 'must be a block number',
    });
  return n - 1;
}

export const dispatchNewCommand: Command = {
  name: 'dispatch new',
  audit: { action: 'dispatch.create' },
  summary: 'Start a dispatch: headline, subheadline, date and summary',
  usage: 'dispatch new HEADLINE [--subheadline TEXT] [--date YYYY-MM-DD] [--summary TEXT] [--json]',
  options: [
    { name: 'subheadline', type: 'string', value: 'TEXT', description: 'A line under the headline' },
    { name: 'date', type: 'string', value: 'DATE', description: "The dispatch's date (default: today, UTC)" },
    { name: 'summary', type: 'string', value: 'TEXT', description: 'The framing paragraph' },
    { name: 'json', type: 'boolean', description: 'Print the dispatch as JSON' },
  ],
  async run(context) {
    const [headline] = positionals(context, 1, this.usage);
    const dispatch = await createDispatch(await context.openStore(), systemClock, {
      headline: headline!,
      subheadline: text(context, 'subheadline'),
      date: text(context, 'date'),
      summary: text(context, 'summary'),
    });
    if (context.options.json) writeJson(context.stdout, dispatch);
    else context.stdout.write(`${dispatch.id}\n`);
    return 0;
  },
};

export const dispatchAddCommand: Command = {
  name: 'dispatch add',
  audit: { action: 'dispatch.add-excerpt' },
  summary: 'Add an excerpt, a section heading or your own text to a dispatch',
  usage:
    'dispatch add ID (--document DOC (--passage TEXT | --span START:END | --annotation AID) | --heading TEXT | --text TEXT) [--translation TEXT] [--note TEXT] [--at N]',
  help: `
An excerpt is an exact span of a document (UTF-16 offsets into its text) as its current capture has
it: --passage takes the first occurrence of TEXT, --span START:END the offsets, --annotation the
span of an annotation (a quote, an entity…) as "show --json" lists them. It takes the stored
translation of that span into English (echotrace translate) unless --translation gives yours.
--at N inserts at block N (1 = first); the default is the end.`,
  options: [
    { name: 'document', type: 'string', value: 'DOC', description: 'The document to excerpt' },
    { name: 'passage', type: 'string', value: 'TEXT', description: 'Excerpt the first occurrence of TEXT' },
    { name: 'span', type: 'string', value: 'START:END', description: 'Excerpt this span' },
    { name: 'annotation', type: 'string', value: 'AID', description: "Excerpt this annotation's span" },
    { name: 'heading', type: 'string', value: 'TEXT', description: 'Add a section heading' },
    { name: 'text', type: 'string', value: 'TEXT', description: 'Add a paragraph of your own' },
    { name: 'translation', type: 'string', value: 'TEXT', description: 'Your translation of the excerpt' },
    { name: 'note', type: 'string', value: 'TEXT', description: 'A note under the excerpt' },
    { name: 'at', type: 'string', value: 'N', description: 'Insert at block N (1 = first)' },
    { name: 'json', type: 'boolean', description: 'Print the excerpt as JSON' },
  ],
  async run(context) {
    const [dispatchId] = positionals(context, 1, this.usage);
    const store = await context.openStore();
    const at = text(context, 'at') === undefined ? undefined : position(text(context, 'at')!, '--at');
    const heading = text(context, 'heading');
    const own = text(context, 'text');
    if (heading !== undefined || own !== undefined) {
      if (heading !== undefined && own !== undefined)
        throw new UsageError('give --heading or --text, not both');
      await addBlock(store, systemClock, {
        dispatchId: dispatchId!,
        kind: heading !== undefined ? 'heading' : 'text',
        text: (heading ?? own)!,
        at,
      });
      context.stdout.write(`added a ${heading !== undefined ? 'heading' : 'paragraph'} to ${dispatchId}\n`);
      return 0;
    }
    const documentId = text(context, 'document');
    if (!documentId)
      throw new UsageError('--document DOC is required for an excerpt (or give --heading/--text)');
    const passage = text(context, 'passage');
    const span = text(context, 'span');
    const annotation = text(context, 'annotation');
    if ([passage, span, annotation].filter((v) => v !== undefined).length !== 1)
      throw new UsageError('give exactly one of --passage, --span, --annotation');
    let source: ExcerptSource;
    if (passage !== undefined) source = { kind: 'passage', documentId, passage };
    else if (annotation !== undefined) source = { kind: 'annotation', documentId, annotationId: annotation };
    else {
      const match = /^(\d+):(\d+)$/.exec(span!);
      if (!match)
        throw new UsageError(`--span must be START:END (UTF-16 offsets), not ${JSON.stringify(span)}`, {
          input: '--span',
          problem: 'must be START:END',
        });
      source = { kind: 'span', documentId, start: Number(match[1]), end: Number(match[2]) };
    }
    const excerpt = await addExcerpt(store, systemClock, {
      dispatchId: dispatchId!,
      source,
      translation: text(context, 'translation'),
      note: text(context, 'note'),
      at,
    });
    if (context.options.json) writeJson(context.stdout, excerpt);
    else
      context.stdout.write(
        `${excerpt.id} [${excerpt.start}, ${excerpt.end}) ${JSON.stringify(excerpt.text.slice(0, 60))}\n`,
      );
    return 0;
  },
};

export const dispatchMoveCommand: Command = {
  name: 'dispatch move',
  audit: { action: 'dispatch.move' },
  summary: 'Move a block of a dispatch to another position',
  usage: 'dispatch move ID FROM TO',
  options: [],
  async run(context) {
    const [id, from, to] = positionals(context, 3, this.usage);
    await moveBlock(await context.openStore(), systemClock, {
      dispatchId: id!,
      from: position(from!, 'FROM'),
      to: position(to!, 'TO'),
    });
    context.stdout.write(`moved block ${from} to ${to}\n`);
    return 0;
  },
};

export const dispatchRemoveCommand: Command = {
  name: 'dispatch remove',
  audit: { action: 'dispatch.remove' },
  summary: 'Remove a block from a dispatch (the excerpt stays stored)',
  usage: 'dispatch remove ID N',
  options: [],
  async run(context) {
    const [id, n] = positionals(context, 2, this.usage);
    await removeBlock(await context.openStore(), systemClock, { dispatchId: id!, at: position(n!, 'N') });
    context.stdout.write(`removed block ${n}\n`);
    return 0;
  },
};

export const dispatchReviseCommand: Command = {
  name: 'dispatch revise',
  audit: { action: 'dispatch.revise-excerpt' },
  summary: 'Write your translation of an excerpt, or its note',
  usage: 'dispatch revise EXCERPT [--translation TEXT] [--note TEXT] [--json]',
  options: [
    {
      name: 'translation',
      type: 'string',
      value: 'TEXT',
      description: 'Your translation (empty removes it)',
    },
    { name: 'note', type: 'string', value: 'TEXT', description: 'The note (empty removes it)' },
    { name: 'json', type: 'boolean', description: 'Print the excerpt as JSON' },
  ],
  async run(context) {
    const [excerptId] = positionals(context, 1, this.usage);
    const excerpt = await reviseExcerpt(await context.openStore(), {
      excerptId: excerptId!,
      translation: text(context, 'translation'),
      note: text(context, 'note'),
    });
    if (context.options.json) writeJson(context.stdout, excerpt);
    else context.stdout.write(`${excerpt.id}: translation ${excerpt.translationOrigin ?? 'none'}\n`);
    return 0;
  },
};

export const dispatchShowCommand: Command = {
  name: 'dispatch show',
  summary: "A dispatch's blocks, numbered, with footnotes and changed pages",
  usage: 'dispatch show ID [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'Print {dispatch, blocks, footnotes} as JSON' }],
  async run(context) {
    const [id] = positionals(context, 1, this.usage);
    const view = await loadDispatchView(await context.openStore(), id!);
    if (context.options.json) {
      writeJson(context.stdout, view);
      return 0;
    }
    const out = context.stdout;
    out.write(`${view.dispatch.headline} (${view.dispatch.id}, ${view.dispatch.date})\n`);
    for (const block of view.blocks) {
      const n = String(block.position + 1).padStart(3);
      if (block.kind === 'excerpt') {
        const translated = block.excerpt.translation
          ? ` · translation: ${block.excerpt.translationOrigin}`
          : '';
        out.write(
          `${n}. excerpt [${block.footnote}] ${block.excerpt.id}${translated}\n     ${JSON.stringify(block.excerpt.text.slice(0, 100))}\n`,
        );
        if (block.change) out.write(`     NOTE: ${block.change.note}\n`);
      } else out.write(`${n}. ${block.kind}: ${block.text.slice(0, 100)}\n`);
    }
    for (const f of view.footnotes)
      out.write(
        `[${f.number}] ${f.outlet}${f.title ? `, ${f.title}` : ''}${f.url ? `, ${f.url}` : ''} · capture ${f.captureSha256.slice(0, 12)}…\n`,
      );
    return 0;
  },
};

export const dispatchListCommand: Command = {
  name: 'dispatch list',
  summary: 'List dispatches, newest first',
  usage: 'dispatch list [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'Print {"dispatches": [...]} as JSON' }],
  async run(context) {
    const dispatches = await (await context.openStore()).dispatches.list();
    if (context.options.json) writeJson(context.stdout, { dispatches });
    else for (const d of dispatches) context.stdout.write(`${d.id}  ${d.date}  ${d.headline}\n`);
    return 0;
  },
};

export const dispatchRenderCommand: Command = {
  name: 'dispatch render',
  summary: 'Render a dispatch as Markdown, HTML (deterministic: same dispatch, same bytes), PDF or DOCX',
  usage: 'dispatch render ID --format md|html|pdf|docx [--out FILE] [--template FILE]',
  help: `
Templates are Handlebars files (packages/app/templates/dispatch.md.hbs, dispatch.html.hbs); copy one,
change it, and pass it with --template. Machine translations are marked with their provider.
pdf prints the HTML rendering with the machine's Chromium (ECHOTRACE_CHROMIUM, default
/usr/bin/chromium; JavaScript off, no network) and needs --out. docx writes a Word document with
Word's own footnotes (templates do not apply) and needs --out.`,
  options: [
    { name: 'format', type: 'string', value: 'FORMAT', description: 'md, html, pdf or docx' },
    { name: 'out', type: 'string', value: 'FILE', description: 'Write to FILE instead of standard output' },
    { name: 'template', type: 'string', value: 'FILE', description: 'Your own template' },
  ],
  async run(context) {
    const [id] = positionals(context, 1, this.usage);
    const format = text(context, 'format') ?? 'md';
    if (format !== 'md' && format !== 'html' && format !== 'pdf' && format !== 'docx')
      throw new UsageError(`--format must be md, html, pdf or docx, not ${JSON.stringify(format)}`, {
        input: '--format',
        problem: 'must be md, html, pdf or docx',
      });
    const out = text(context, 'out');
    if ((format === 'pdf' || format === 'docx') && !out)
      throw new UsageError(`--format ${format} needs --out FILE`);
    const view = await loadDispatchView(await context.openStore(), id!);
    if (format === 'docx') {
      const bytes = await renderDispatchDocx(view);
      writeFileSync(out!, bytes);
      context.stdout.write(`wrote ${out} (${bytes.length} bytes)\n`);
      return 0;
    }
    const rendered = renderDispatch(view, format === 'pdf' ? 'html' : format, text(context, 'template'));
    if (format === 'pdf') {
      await printPdf(rendered, out!, context.config.chromiumPath);
      context.stdout.write(`wrote ${out}\n`);
      return 0;
    }
    if (out) {
      writeFileSync(out, rendered);
      context.stdout.write(`wrote ${out} (${Buffer.byteLength(rendered)} bytes)\n`);
    } else context.stdout.write(rendered);
    return 0;
  },
};

export const dispatchBundleCommand: Command = {
  name: 'dispatch bundle',
  summary: 'Write an evidence bundle: the rendered dispatch, the cited captures and a manifest',
  usage: 'dispatch bundle ID --out DIR [--json]',
  help: `
DIR (new or empty) receives dispatch.md, dispatch.html, captures/<sha256> (the raw archived bytes of
every cited capture), captures.warc (every archived fetch of the cited documents as WARC 1.1, for
replay tools) and manifest.json (each excerpt's document, capture, span and text, and the SHA-256 of
every file). Anyone can check it with: echotrace verify DIR.`,
  options: [
    { name: 'out', type: 'string', value: 'DIR', description: 'The bundle folder' },
    { name: 'json', type: 'boolean', description: 'Print a summary as JSON' },
  ],
  async run(context) {
    const [id] = positionals(context, 1, this.usage);
    const out = text(context, 'out');
    if (!out) throw new UsageError('--out DIR is required');
    const store = await context.openStore();
    const result = await writeDispatchBundle(store, id!, out, async (dir, documents) => {
      await writeWarcFile(
        store,
        path.join(dir, 'captures.warc'),
        { documents, signal: context.signal },
        {
          gzip: false,
          now: systemClock.now(),
        },
      );
      return ['captures.warc'];
    });
    if (context.options.json) writeJson(context.stdout, result);
    else
      context.stdout.write(
        `wrote ${result.dir}: ${result.excerpts} excerpts from ${result.captures} captures\n`,
      );
    return 0;
  },
};

export const verifyCommand: Command = {
  name: 'verify',
  summary: "Check an evidence bundle: every hash, and every excerpt's text in its capture",
  usage: 'verify BUNDLE [--json]',
  help: `
Needs no store. Exits 0 when every file and capture matches its SHA-256 and every excerpt's text is
in its capture's reader-visible text; 1 otherwise, naming each failed check.`,
  options: [{ name: 'json', type: 'boolean', description: 'Print {ok, checked, problems} as JSON' }],
  async run(context) {
    const [dir] = positionals(context, 1, this.usage);
    const result = verifyBundle(dir!);
    if (context.options.json) writeJson(context.stdout, result);
    else {
      const { files, captures, excerpts } = result.checked;
      context.stdout.write(
        `${result.ok ? 'OK' : 'FAILED'}: ${files} files, ${captures} captures, ${excerpts} excerpts checked\n`,
      );
      for (const problem of result.problems) context.stdout.write(`  ${problem}\n`);
    }
    return result.ok ? 0 : 1;
  },
};

export const dispatchImportCommand: Command = {
  name: 'dispatch import',
  audit: { action: 'dispatch.import' },
  summary: 'Build a dispatch from a file (YAML or JSON): headline, summary, headings, text, excerpts',
  usage: 'dispatch import FILE [--replace] [--json]',
  help: `
The file gives headline, subheadline, date, summary and blocks; a block is {heading: TEXT},
{text: TEXT} or {excerpt: {document: URL|ID, passage: TEXT | quote: TEXT | span: [START, END],
translation: TEXT, note: TEXT}}. "quote" takes the stored quote containing TEXT, with its speaker.
Every excerpt is found before anything is written. --replace rebuilds the dispatch the headline
names instead of adding a second one (see docs/dispatches.md).`,
  options: [
    { name: 'replace', type: 'boolean', description: 'Rebuild the dispatch of that headline in place' },
    { name: 'json', type: 'boolean', description: 'Print the result as JSON' },
  ],
  async run(context) {
    const [file] = positionals(context, 1, this.usage);
    const result = await importDispatchFile(await context.openStore(), systemClock, file!, {
      replace: context.options.replace === true,
    });
    if (context.options.json) writeJson(context.stdout, result);
    else
      context.stdout.write(
        `${result.dispatch.id}: ${result.replaced ? 'rebuilt' : 'created'} with ${result.excerpts} excerpts\n`,
      );
    return 0;
  },
};

export const dispatchCommands: Command[] = [
  dispatchNewCommand,
  dispatchImportCommand,
  dispatchAddCommand,
  dispatchMoveCommand,
  dispatchRemoveCommand,
  dispatchReviseCommand,
  dispatchShowCommand,
  dispatchListCommand,
  dispatchRenderCommand,
  dispatchBundleCommand,
  verifyCommand,
];
