// The HTTP fetch adapter: implements core's Fetcher port.
export * from './http.fetcher.ts';
export * from './address.guard.ts';
export type { Resolver } from './guarded.lookup.ts';
export * from './retry.policy.ts';
export * from './warc/warc.writer.ts';
export * from './alerts/webhook.delivery.ts';
export * from './alerts/email.delivery.ts';
