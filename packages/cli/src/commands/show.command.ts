import { annotationsOfKind, UsageError, type QuoteAnnotation } from '@echotrace/core';
import { showDocument } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { writeCopiesSection } from '../copies.section.ts';

/** Who said what in the document: each quote's span, speaker (and entity), cue and nesting. */
function writeQuotesSection(out: NodeJS.WritableStream, text: string, quotes: QuoteAnnotation[]): void {
  if (quotes.length === 0) return;
  out.write(`\nQuotes (${quotes.length}):\n`);
  for (const q of quotes) {
    const a = q.attributes;
    const who = a.speakerEntityId
      ? `${a.speaker ?? ''} → ${a.speakerEntityId}`
      : a.speaker
        ? `${a.speaker} (unresolved)`
        : '(speaker unknown)';
    const quoted = text.slice(q.start, q.end);
    out.write(
      `  ${'  '.repeat(a.level ?? 0)}${q.label.toLowerCase()} [${q.start}, ${q.end}) ${JSON.stringify(quoted.length > 160 ? quoted.slice(0, 160) + '…' : quoted)}\n` +
        `  ${'  '.repeat(a.level ?? 0)}  ${who}${a.role ? ` · ${a.role}` : ''}${a.cueText ? ` · cue ${JSON.stringify(a.cueText)}` : ''}\n`,
    );
  }
}

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one document with its annotations, versions and capture',
  usage: 'show ID [--json]',
  help: `
--json prints {"document": {...}, "annotations": [...], "versions": [...], "source": {...}, "capture": {...},
"copies": [{documentId, sourceId, publishedAt, original, ...}], "forwards": [{fromChannel, fromMessageId}]}.
Annotation offsets index into document.text. Mentions of sanctioned people and organizations
(annotations of kind "sanction") are listed after the text, with the list entry and why the name matched,
then the quotes (kind "quote": span, speaker and the entity it was resolved to, role, cue, nesting).`,
  options: [{ name: 'json', type: 'boolean', description: 'Print the document and its annotations as JSON' }],
  async run(context) {
    const id = context.positionals[0];
    if (!id || context.positionals.length > 1) throw new UsageError('give exactly one document id');
    const view = await showDocument(await context.openStore(), id);
    if (context.options.json) {
      writeJson(context.stdout, view);
      return 0;
    }
    const { document, annotations, versions, source, capture } = view;
    const out = context.stdout;
    out.write(`${document.title ?? '(untitled)'}\n`);
    out.write(
      `id ${document.id} · ${source?.name ?? document.sourceId} · ${document.publishedAt ?? 'undated'} · ${document.language}\n`,
    );
    if (document.byline) out.write(`by ${document.byline}\n`);
    if (document.canonicalUrl) out.write(`${document.canonicalUrl}\n`);
    out.write(
      `capture sha256:${document.captureSha256}${capture ? ` (${capture.mediaType}, ${capture.byteLength} bytes, ${capture.origin})` : ''}\n`,
    );
    if (versions.length > 1)
      out.write(`${versions.length} versions: ${versions.map((v) => v.seenAt).join(', ')}\n`);
    writeCopiesSection(out, document.id, view);
    out.write(`\n${document.text}\n`);
    // Parsed at the consumer edge: typed attributes, and a stored annotation of the wrong shape is
    // reported (InputError naming it) rather than printed as undefined.
    const sanctioned = annotationsOfKind(annotations, 'sanction');
    if (sanctioned.length > 0) {
      out.write(`\nSanctioned mentions (${sanctioned.length}):\n`);
      for (const a of sanctioned) {
        const { list, listEntryId, listedName, programs, explanation, partial, support, ambiguous } =
          a.attributes;
        // A surname completed from the document is a finding; one without support is never flagged.
        const note = ambiguous
          ? ' · ambiguous: several listed namesakes fit'
          : partial && support === undefined
            ? ' · part of the name only: a lead, namesakes are likely'
            : '';
        out.write(
          `  ${JSON.stringify(document.text.slice(a.start, a.end))} [${a.start}, ${a.end}) → ${listedName} (${list}:${listEntryId}${programs.length ? `; ${programs.join(', ')}` : ''}) score ${a.confidence.toFixed(2)}${note}\n` +
            `    ${explanation}\n`,
        );
      }
    }
    writeQuotesSection(out, document.text, annotationsOfKind(annotations, 'quote'));
    if (annotations.length > 0) {
      out.write(`\nAnnotations (${annotations.length}):\n`);
      for (const a of annotations) {
        out.write(
          `  ${a.kind}/${a.label} [${a.start}, ${a.end}) ${JSON.stringify(document.text.slice(a.start, a.end))} ${a.confidence.toFixed(2)} · ${a.producer}@${a.producerVersion}\n`,
        );
      }
    }
    return 0;
  },
};
