// Citable addresses of Telegram posts. A public channel's post is at `https://t.me/<name>/<id>`;
// exports name the channel by its title, so the public name comes from the export when it has one or
// from the registered source's homepage (`https://t.me/<name>`).

const NAME = '([A-Za-z][A-Za-z0-9_]{3,31})';
const LINK = new RegExp(`^(?:https?://)?(?:www\\.)?(?:t\\.me|telegram\\.me)/(?:s/)?${NAME}/?$`, 'i');
const BARE = new RegExp(`^@?${NAME}$`);

/** The public name of a channel from `@name`, `name` or a `t.me/name` (or `t.me/s/name`) link. */
export function telegramChannelName(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  return (LINK.exec(trimmed) ?? BARE.exec(trimmed))?.[1] ?? null;
}

/** `https://t.me/<channel>/<id>`, or null when the channel has no public name. */
export function telegramPostUrl(
  channel: string | null | undefined,
  messageId: number | string,
): string | null {
  const name = telegramChannelName(channel);
  return name ? `https://t.me/${name}/${messageId}` : null;
}
