// Reader for trafilatura's evaluation layout: `evaldata.json` ({key: {file, url?, with, without,
// title?, author?, date?}}, the key usually the page URL) and the pages in `eval/<file>`, stored as
// fetched (bytes in whatever charset the site used). Pages are assigned to a tuning half or a
// held-out half by a hash of their site, so that no site is on both sides of the split.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@echotrace/core';
import { decodeBytes } from '@echotrace/extract';

export type SplitHalf = 'tune' | 'held-out';

export interface SnippetPage {
  /** The evaldata key (the page URL, or `hard::file` for pages kept without one). */
  id: string;
  file: string;
  /** The page URL, or '' when the set gives none. */
  url: string;
  /** Registrable-looking domain the split is keyed on. */
  site: string;
  half: SplitHalf;
  with: string[];
  without: string[];
  /** Metadata the set gives for the page (null where absent or empty). */
  title: string | null;
  author: string | null;
  date: string | null;
  /** Reads and decodes the page (BOM, then meta declaration, then detection). */
  html(): { text: string; charset: string };
}

// Second-level labels under a country code that are not a site of their own (`com.pa`, `co.uk`).
const GENERIC_SECOND_LEVEL = /^(?:com|co|org|net|gov|ac|edu|gob|nom)$/;

/** The site a host belongs to: its last two labels, three under `com.pa`-like suffixes. */
export function siteOfHost(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const keep =
    labels.length >= 3 && labels.at(-1)!.length === 2 && GENERIC_SECOND_LEVEL.test(labels.at(-2)!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/**
 * The site of a page: from its URL, else from a file named after it (`nationnews.com-schools.html`,
 * `heavenlynnhealthy.de.areenburk.html`).
 */
export function siteOf(url: string, file: string): string {
  try {
    const host = new URL(url).hostname;
    if (host) return siteOfHost(host);
  } catch {
    // No URL: fall back to the file name.
  }
  const stem = file.replace(/\.html?$/i, '').split('-')[0]!;
  const labels = stem.split('.');
  // `name.tld.slug`: the last label is the article's slug, not part of the host.
  const host =
    labels.length >= 3 && !GENERIC_SECOND_LEVEL.test(labels.at(-2)!) ? labels.slice(0, -1) : labels;
  return siteOfHost(host.join('.'));
}

/** The half a site falls in: fixed by a hash of its name, so it never moves between runs. */
export function halfOfSite(site: string): SplitHalf {
  const byte = createHash('sha256').update(site).digest()[0]!;
  return byte % 2 === 0 ? 'tune' : 'held-out';
}

const stringList = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;

const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The set's pages in key order; each entry is checked, and a bad one named. */
export function readSnippetPages(dir: string): SnippetPage[] {
  const dataFile = path.join(dir, 'evaldata.json');
  if (!existsSync(dataFile))
    throw new InputError(dir, 'has no evaldata.json (expected the trafilatura evaluation layout)');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(dataFile, 'utf8')) as unknown;
  } catch (error) {
    throw new InputError(dataFile, `cannot be read as JSON (${(error as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new InputError(dataFile, 'expected an object of {key: {file, with, without}}');
  return Object.keys(data)
    .sort()
    .map((id) => {
      const entry = (data as Record<string, unknown>)[id] as Record<string, unknown> | null;
      const withs = stringList(entry?.with);
      const withouts = stringList(entry?.without);
      const file = nonEmpty(entry?.file);
      if (!entry || !file || !withs || !withouts)
        throw new InputError(
          dataFile,
          `entry ${JSON.stringify(id)} needs file, with [...] and without [...]`,
        );
      const url = nonEmpty(entry.url) ?? (/^https?:\/\//i.test(id) ? id : '');
      const site = siteOf(url, file);
      const htmlFile = path.join(dir, 'eval', file);
      return {
        id,
        file,
        url,
        site,
        half: halfOfSite(site),
        with: withs,
        without: withouts,
        title: nonEmpty(entry.title),
        author: nonEmpty(entry.author),
        date: nonEmpty(entry.date),
        html: () => {
          let bytes: Uint8Array;
          try {
            bytes = readFileSync(htmlFile);
          } catch (error) {
            throw new InputError(htmlFile, `cannot be read (${(error as Error).message})`);
          }
          const decoded = decodeBytes(bytes, { origin: htmlFile });
          return { text: decoded.text, charset: decoded.charset };
        },
      };
    });
}
