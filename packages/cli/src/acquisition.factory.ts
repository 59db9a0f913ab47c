// Chooses the acquisition adapter from configuration: the HTTP fetcher. (The archive and source
// settings are members of the Store, whichever adapter it is.)
import type { Fetcher } from '@echotrace/core';
import { HttpFetcher } from '@echotrace/fetch';
import type { Config } from './config.ts';

export function createFetcher(config: Config): Fetcher {
  return new HttpFetcher({
    userAgent: config.userAgent,
    allowPrivateNetwork: config.allowPrivateNetwork,
    perHostDelayMs: config.fetchDelayMs,
    timeoutMs: config.fetchTimeoutMs,
    maxBodyBytes: config.fetchMaxBytes,
  });
}
