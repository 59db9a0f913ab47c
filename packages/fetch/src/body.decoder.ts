// Removing Content-Encoding under the same byte limit as the raw body: a small gzip or brotli
// response can expand a thousandfold, so the limit applies to what comes out, not only what
// comes in.
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { InputError } from '@echotrace/core';

export function decodeContentEncoding(
  body: Uint8Array,
  encoding: string | undefined,
  maxBytes: number,
  url: string,
): Uint8Array {
  const codings = (encoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== 'identity');
  let bytes = body;
  // Codings are listed in the order applied, so they are removed last first.
  for (const coding of codings.reverse()) {
    const options = { maxOutputLength: maxBytes };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') bytes = gunzipSync(bytes, options);
      else if (coding === 'br') bytes = brotliDecompressSync(bytes, options);
      else if (coding === 'deflate') {
        // "deflate" is zlib-wrapped per the standard, raw in some servers: the first byte tells.
        bytes = (bytes[0]! & 0x0f) === 8 ? inflateSync(bytes, options) : inflateRawSync(bytes, options);
      } else throw new InputError(url, `unsupported Content-Encoding ${JSON.stringify(coding)}`);
    } catch (error) {
      if (error instanceof InputError) throw error;
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new InputError(url, `body exceeds the maximum of ${maxBytes} bytes after ${coding} decoding`);
      }
      throw new InputError(
        url,
        `corrupt ${coding} body: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
