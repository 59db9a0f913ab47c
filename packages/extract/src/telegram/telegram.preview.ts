// A public channel's web preview (`https://t.me/s/<channel>`, no login) as posts: the page lists
// the latest posts, each a `.tgme_widget_message` whose `data-post` is `<channel>/<id>`, with its
// text (HTML: <b>, <i>, <a href>, <br>), date (<time datetime>), views ("12.3K"), the channel it
// was forwarded from and an "edited" mark. Anything the page does not say is null.
import { InputError, parsePublished, type IngestLink, type PreviewPost } from '@echotrace/core';
import { isElement, isText, parseHtmlDocument, type DomElement, type DomNode } from '../html/html.dom.ts';
import { checkHtmlLimits } from '../html/html.limits.ts';

const POST = /^([A-Za-z][A-Za-z0-9_]{3,31})\/(\d+)$/;

/** Posts of a preview page, in page order; a post without an address is skipped. */
export function parseTelegramPreview(html: string, origin: string): PreviewPost[] {
  checkHtmlLimits(html, origin);
  const document = parseHtmlDocument(html);
  const messages = Array.from(document.querySelectorAll('.tgme_widget_message[data-post]'));
  if (messages.length === 0 && !document.querySelector('.tgme_channel_info, .tgme_widget_message_wrap'))
    throw new InputError(origin, 'not a Telegram channel preview page (no .tgme_widget_message posts)');
  const posts: PreviewPost[] = [];
  for (const message of messages) {
    const address = POST.exec(message.getAttribute('data-post') ?? '');
    if (!address) continue;
    const [, channel, id] = address as unknown as [string, string, string];
    const body = message.querySelector('.tgme_widget_message_text');
    const { text, links } = body ? readText(body) : { text: '', links: [] };
    const time = message.querySelector('.tgme_widget_message_date time, time[datetime]');
    const datetime = time?.getAttribute('datetime');
    const forward = message.querySelector('.tgme_widget_message_forwarded_from_name');
    const meta = message.querySelector('.tgme_widget_message_meta');
    posts.push({
      channel,
      messageId: Number(id),
      url: `https://t.me/${channel}/${id}`,
      text,
      links,
      publishedAt: datetime ? safeTime(datetime, `${origin} post ${channel}/${id}`) : null,
      views: parseViews(message.querySelector('.tgme_widget_message_views')?.textContent ?? null),
      edited:
        message.querySelector('.tgme_widget_message_edited') !== null ||
        /\bedited\b/i.test(meta?.textContent ?? ''),
      forwardedFrom: forward
        ? { name: (forward.textContent ?? '').trim(), url: forward.getAttribute('href') }
        : null,
    });
  }
  return posts;
}

function safeTime(value: string, where: string): string | null {
  try {
    return parsePublished(value, where);
  } catch {
    return null;
  }
}

/** "12.3K" → 12300, "1.2M" → 1200000, "987" → 987. */
export function parseViews(text: string | null): number | null {
  const match = /^([\d.,]+)\s*([KM]?)$/i.exec((text ?? '').trim());
  if (!match) return null;
  const value = Number(match[1]!.replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  const scale = match[2]!.toUpperCase() === 'M' ? 1e6 : match[2]!.toUpperCase() === 'K' ? 1e3 : 1;
  return Math.round(value * scale);
}

const BLOCKS = new Set(['p', 'div', 'blockquote', 'pre']);

function readText(root: DomElement): { text: string; links: IngestLink[] } {
  let text = '';
  const links: IngestLink[] = [];
  const walk = (node: DomNode): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (isText(child)) text += child.data;
      else if (isElement(child)) {
        if (child.localName === 'br') {
          text += '\n';
          continue;
        }
        const start = text.length;
        walk(child);
        const href = child.localName === 'a' ? child.getAttribute('href') : null;
        if (href && text.slice(start).trim()) {
          let s = start;
          let e = text.length;
          while (s < e && /\s/.test(text[s]!)) s++;
          while (e > s && /\s/.test(text[e - 1]!)) e--;
          links.push({ start: s, end: e, url: href });
        }
        if (BLOCKS.has(child.localName)) text += '\n';
      }
    }
  };
  walk(root);
  return { text, links };
}
