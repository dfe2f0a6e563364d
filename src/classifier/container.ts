// The file layout every embedded model shares: 4 magic bytes, the JSON header's length (u32 LE),
// the JSON header, padding to a multiple of 4, then the int8 weights (aligned, so they can be
// viewed in place as wider words). Each artifact checks its own header and weight size.

const align4 = (n: number): number => n + ((4 - (n % 4)) % 4);

export function encodeContainer(magic: readonly number[], header: unknown, weights: Int8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(8 + json.length);
  const out = new Uint8Array(start + weights.length);
  out.set(magic, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(new Uint8Array(weights.buffer, weights.byteOffset, weights.length), start);
  return out;
}

/** The parsed header and where the weights start; `what` names the artifact in errors. */
export function decodeContainer(magic: readonly number[], bytes: Uint8Array, what: string): { header: unknown; start: number } {
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) throw new Error(`not a ${what} artifact (bad magic)`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) throw new Error(`${what} artifact: truncated header`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  return { header, start: align4(8 + length) };
}
