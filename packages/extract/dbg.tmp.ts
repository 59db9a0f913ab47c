import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHtmlDocument } from './src/html/html.dom.ts';
const dir = '/work/shared/data/extraction/zyte/html';
const f = readdirSync(dir).find((x) => x.startsWith(process.argv[2]!))!;
const d: any = parseHtmlDocument(gunzipSync(readFileSync(`${dir}/${f}`)).toString('utf8'));
// print skeleton of elements with p-text, depth-limited
const walk = (e: any, depth: number) => {
  const ps = e.querySelectorAll('p').length;
  const t = (e.textContent ?? '').replace(/\s+/g, ' ').length;
  if (t < Number(process.argv[3] ?? 500)) return;
  console.log('  '.repeat(depth) + e.localName + '.' + (e.getAttribute('class') ?? '').slice(0, 50) + '#' + (e.getAttribute('id') ?? ''), 'text=' + t, 'p=' + ps);
  for (let c = e.firstElementChild; c; c = c.nextElementSibling) walk(c, depth + 1);
};
walk(d.body, 0);
