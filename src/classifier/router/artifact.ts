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
import { decodeContainer, encodeContainer } from '../container';

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

export function encodeRouter(header: RouterHeader, hashed: Int8Array): Uint8Array {
  return encodeContainer(MAGIC, header, hashed);
}

export function decodeRouter(bytes: Uint8Array): { header: RouterHeader; hashed: Int8Array } {
  const { header: raw, start } = decodeContainer(MAGIC, bytes, 'router');
  const header = raw as RouterHeader;
  if (header.format !== 1) throw new Error(`unsupported router format ${String(header.format)}`);
  const size = header.features.hashed ? 1 << header.features.hashBits : 0;
  if (bytes.length !== start + size) throw new Error(`router weights: expected ${size} bytes, found ${bytes.length - start}`);
  return { header, hashed: new Int8Array(bytes.buffer, bytes.byteOffset + start, size) };
}
