// The router artifact (models/router.bin): one file the Worker imports as an ArrayBuffer.
//
//   bytes 0..3   magic "TRR1"
//   bytes 4..7   header length L (uint32, little endian)
//   bytes 8..    L bytes of UTF-8 JSON (RouterHeader), zero padding to a multiple of 4
//   then         hashed weights as int8 (2^hashBits of them; none when the model uses no
//                hashed features); weight = int8 · hashScale
//
// Dense weights are few and sit in the header as plain numbers.

import type { FeatureConfig } from './features';

export interface OperatingPoint {
  /** Share of prompts sent to the big model on the training traffic mix. */
  bigShare: number;
  /** Route to the big model when score ≥ threshold. */
  threshold: number;
}

export interface RouterHeader {
  format: 1;
  name: string;
  version: string;
  features: FeatureConfig;
  /** Weights of the dense features, in DENSE_NAMES order. */
  dense: number[];
  hashScale: number;
  /** Platt calibration of the margin z: score = σ(a·z + b), the probability the big model is needed. */
  calibration: { a: number; b: number };
  /** Operating points, ascending by bigShare. */
  thresholds: OperatingPoint[];
  /** Threshold used when a policy names none (the 50% operating point). */
  defaultThreshold: number;
  /** SHA-256 (hex) of header-without-hash + weights, computed when the artifact is written. */
  hash: string;
}

const MAGIC = [0x54, 0x52, 0x52, 0x31]; // "TRR1"

function align4(n: number): number {
  return n + ((4 - (n % 4)) % 4);
}

export function encodeRouter(header: RouterHeader, hashed: Int8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(8 + json.length);
  const out = new Uint8Array(start + hashed.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(new Uint8Array(hashed.buffer, hashed.byteOffset, hashed.length), start);
  return out;
}

export function decodeRouter(bytes: Uint8Array): { header: RouterHeader; hashed: Int8Array } {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a router artifact (bad magic)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) throw new Error('router artifact: truncated header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as RouterHeader;
  if (header.format !== 1) throw new Error(`unsupported router format ${String(header.format)}`);
  const start = align4(8 + length);
  const size = header.features.hashed ? 1 << header.features.hashBits : 0;
  if (bytes.length !== start + size) throw new Error(`router weights: expected ${size} bytes, found ${bytes.length - start}`);
  return { header, hashed: new Int8Array(bytes.buffer, bytes.byteOffset + start, size) };
}
