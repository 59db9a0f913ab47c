// A dispatch rendered to Markdown or HTML through a template file a team can change (Handlebars,
// in packages/app/templates; `templatePath` picks another). Rendering reads no clock and no
// environment: the same stored dispatch gives the same bytes. Text is escaped for the format by
// helpers, never passed through raw, and the HTML carries a Content-Security-Policy with no script.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { InputError } from '@echotrace/core';
import type { DispatchView } from './dispatch.view.ts';

export type DispatchFormat = 'md' | 'html';

export const DEFAULT_TEMPLATES: Record<DispatchFormat, string> = {
  md: path.resolve(import.meta.dirname, '../../templates/dispatch.md.hbs'),
  html: path.resolve(import.meta.dirname, '../../templates/dispatch.html.hbs'),
};

const MONTHS = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "September 28, 2023" from a date or an instant (read as UTC); null when unreadable. */
export function dateText(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? null : MONTHS.format(time);
}

// Markdown's inline specials, and a line-start that would make a list, heading or quote.
const escapeMarkdown = (text: string): string =>
  text.replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/^(\s*)([#+-]|\d+\.)(\s)/gm, '$1\\$2$3');

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

// Template values are strings, numbers or absent; anything else prints as nothing.
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('md', (text: unknown) => escapeMarkdown(asText(text)));
  hb.registerHelper('quote', (text: unknown) =>
    asText(text)
      .split('\n')
      .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'))
      .join('\n'),
  );
  hb.registerHelper(
    'paragraphs',
    (text: unknown) =>
      new hb.SafeString(
        asText(text)
          .split(/\n{2,}/)
          .filter((p) => p.trim())
          .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
          .join('\n'),
      ),
  );
  return hb;
}

/** What the templates receive: the view with dates written out and machine translations marked. */
export function templateData(view: DispatchView) {
  return {
    dispatch: view.dispatch,
    dateText: dateText(view.dispatch.date),
    blocks: view.blocks.map((block) =>
      block.kind === 'excerpt'
        ? {
            kind: block.kind,
            position: block.position + 1,
            text: block.excerpt.text,
            translation: block.excerpt.translation,
            machineNote:
              block.excerpt.translation && block.excerpt.translationOrigin === 'machine'
                ? `Machine translation${block.excerpt.translationBy ? ` (${block.excerpt.translationBy})` : ''}, not reviewed by an analyst.`
                : null,
            note: block.excerpt.note,
            footnote: block.footnote,
            change: block.change,
            attribution: block.speaker
              ? `${block.speaker.name}${block.speaker.role ? `, ${block.speaker.role}` : ''}`
              : null,
            language: '',
          }
        : { kind: block.kind, position: block.position + 1, text: block.text },
    ),
    footnotes: view.footnotes.map((f) => ({ ...f, dateText: dateText(f.publishedAt) })),
  };
}

export function renderDispatch(view: DispatchView, format: DispatchFormat, templatePath?: string): string {
  const file = templatePath ?? DEFAULT_TEMPLATES[format];
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read the template: ${(error as Error).message}`);
  }
  let template: HandlebarsTemplateDelegate;
  try {
    template = engine().compile(source, { strict: false, noEscape: format !== 'html' });
  } catch (error) {
    throw new InputError(file, `not a valid template: ${(error as Error).message}`);
  }
  try {
    return template(templateData(view));
  } catch (error) {
    throw new InputError(file, `the template failed: ${(error as Error).message}`);
  }
}
