// DNS resolution that refuses forbidden addresses. Given to http.request as its `lookup`, so the
// socket connects to exactly the address that was checked: there is no second resolution for a
// rebinding DNS server to answer differently (no time-of-check/time-of-use gap).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { FetchRefusedError } from '@echotrace/core';
import { classifyAddress, isAddressAllowed } from './address.guard.ts';

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

export function refusal(url: string, address: string): FetchRefusedError {
  const kind = classifyAddress(address);
  const what = kind === 'metadata' ? 'a cloud metadata address' : 'a private, loopback or link-local address';
  return new FetchRefusedError(url, 'address', `refused: resolves to ${what} (${address})`);
}

export function guardedLookup(url: string, allowPrivateNetwork: boolean, resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (resolved) => {
        const family = typeof options.family === 'number' ? options.family : 0;
        const addresses = resolved.filter((entry) => family === 0 || entry.family === family);
        // Every answer must pass: a name answering with one public and one private address is
        // exactly what a rebinding attack looks like.
        // An answer that is not an IP address at all (a broken or hostile resolver) is refused
        // too: throwing here would leave the request hanging with the error unhandled.
        const forbidden = addresses.find(
          (entry) => isIP(entry.address) === 0 || !isAddressAllowed(entry.address, allowPrivateNetwork),
        );
        if (forbidden)
          return callback(
            isIP(forbidden.address) === 0
              ? new FetchRefusedError(
                  url,
                  'address',
                  `refused: the resolver answered ${JSON.stringify(forbidden.address)}, not an IP address`,
                )
              : refusal(url, forbidden.address),
            '',
            0,
          );
        if (addresses.length === 0) {
          const error = Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' });
          return callback(error, '', 0);
        }
        if (options.all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
