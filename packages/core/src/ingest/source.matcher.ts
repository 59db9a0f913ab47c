// Attributes ingested items to sources the analyst registered. Readers name sources as the input
// does (a Telegram channel's title, "Local files" for a saved page); when a registered source has
// that name, or its homepage is on the host of the item's canonical URL, the item belongs to it,
// rather than to a new, unregistered twin.
import type { Source } from '../model.ts';
import { telegramChannelName } from './telegram.url.ts';

export interface SourceMatcher {
  match(source: Source, canonicalUrl: string | null | undefined): Source;
}

const fold = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    // Every Telegram channel lives on t.me: the channel's public name is what tells them apart.
    if (host === 't.me' || host === 'telegram.me') {
      const name = telegramChannelName(
        `t.me/${parsed.pathname.split('/').filter((p) => p && p !== 's')[0] ?? ''}`,
      );
      return name ? `t.me/${name.toLowerCase()}` : null;
    }
    return host;
  } catch {
    return null;
  }
}

export function createSourceMatcher(registered: Source[]): SourceMatcher {
  const byId = new Map(registered.map((s) => [s.id, s]));
  const byName = new Map(registered.map((s) => [fold(s.name), s]));
  const byHost = new Map<string, Source>();
  for (const source of registered) {
    const host = hostOf(source.homepage);
    if (host) byHost.set(host, source);
  }
  return {
    match(source, canonicalUrl) {
      const known = byId.get(source.id);
      if (known) return known;
      const host = hostOf(canonicalUrl);
      return byName.get(fold(source.name)) ?? (host ? byHost.get(host) : undefined) ?? source;
    },
  };
}
