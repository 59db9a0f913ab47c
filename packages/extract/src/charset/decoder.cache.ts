// TextDecoder instances by charset and mode. Node builds a lookup table for every new 8-bit
// decoder, which costs more than decoding a short feed item; non-streaming decoders are
// stateless, so one per charset serves every call.
const cache = new Map<string, TextDecoder>();

export function textDecoder(
  charset: string,
  options: { fatal?: boolean; ignoreBOM?: boolean } = {},
): TextDecoder {
  const key = `${charset}|${options.fatal ? 1 : 0}|${options.ignoreBOM ? 1 : 0}`;
  let decoder = cache.get(key);
  if (!decoder) {
    decoder = new TextDecoder(charset, options);
    cache.set(key, decoder);
  }
  return decoder;
}
