// Email delivery of alert events over SMTP, through nodemailer (a maintained client: STARTTLS,
// authentication, pooling and message encoding are its job). The event id is the Message-ID and an
// X-Echotrace-Event header, so a resent event (a crash after sending, before marking) can be told
// apart by the reader's mail system.
import nodemailer from 'nodemailer';
import type { AlertDelivery } from '@echotrace/core';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** Refuse to send without TLS (ECHOTRACE_SMTP_REQUIRE_TLS=1). */
  requireTls: boolean;
}

export interface EmailDelivery extends AlertDelivery {
  close(): void;
}

export function createEmailDelivery(
  settings: SmtpSettings,
  options: { timeoutMs?: number } = {},
): EmailDelivery {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    channel: 'email',
    async send({ search, event, target }) {
      const documents = (event.details.documents ?? []) as Array<{
        url?: string | null;
        title?: string | null;
      }>;
      const lines = [
        event.summary,
        '',
        ...documents.slice(0, 20).map((d) => `- ${d.title ?? '(untitled)'}${d.url ? ` ${d.url}` : ''}`),
        '',
        `Saved search: ${search.name} (${search.query})`,
        `Trigger: ${event.trigger}; fired ${event.firedAt}; event ${event.id}`,
      ];
      await transport.sendMail({
        from: settings.from,
        to: target,
        subject: `[echotrace] ${event.title}`,
        text: lines.join('\n'),
        messageId: `<${event.id}@echotrace.invalid>`,
        headers: { 'X-Echotrace-Event': event.id },
      });
    },
    close() {
      transport.close();
    },
  };
}
