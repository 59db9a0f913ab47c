// Chooses the alert delivery adapters from configuration: the signed webhook (through the
// fetcher's address guard) and, when ECHOTRACE_SMTP_HOST is set, email over SMTP.
import type { AlertDeliveries } from '@echotrace/app';
import { createEmailDelivery, createWebhookDelivery, type WebhookDelivery } from '@echotrace/fetch';
import type { Config } from './config.ts';

export interface AlertChannels {
  deliveries: AlertDeliveries;
  webhook: WebhookDelivery;
  close(): void;
}

export function createAlertChannels(config: Config, env: NodeJS.ProcessEnv = process.env): AlertChannels {
  const webhook = createWebhookDelivery({
    allowPrivateNetwork: config.allowPrivateNetwork,
    userAgent: config.userAgent,
    env,
    timeoutMs: config.fetchTimeoutMs,
  });
  const email = config.smtp ? createEmailDelivery(config.smtp) : null;
  return {
    deliveries: { webhook, ...(email ? { email } : {}) },
    webhook,
    close: () => email?.close(),
  };
}
