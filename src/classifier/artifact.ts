// The model artifact (models/guard.bin): a small JSON header and int8 weights, one file the
// Worker imports as an ArrayBuffer and node reads with fs.
//
//   bytes 0..3   magic "TRG1"
//   bytes 4..7   header length L (uint32, little endian)
//   bytes 8..    L bytes of UTF-8 JSON (ArtifactHeader), then zero padding to a multiple of 4
//   then         int8 weights, bucket-major: weights[bucket * heads.length + head]

import type { FeatureSettings } from './features';
import type { Limits } from './windows';
import { decodeContainer, encodeContainer } from './container';

export const HEADS = ['prompt_injection', 'jailbreak', 'harmful', 'toxic'] as const;
export type Head = (typeof HEADS)[number];
export type HeadScores = Record<Head, number>;

/** Number of window-size buckets of `gamma`: bucket = floor(log2(n)), capped. */
export const LENGTH_BUCKETS = 16;

/** floor(log2(n)) for n ≥ 1, capped at LENGTH_BUCKETS - 1 (integer ops: identical everywhere). */
export function lengthBucket(n: number): number {
  return Math.min(LENGTH_BUCKETS - 1, 31 - Math.clz32(n));
}

/**
 * Where a window of n ≥ 1 features lies on the scale of `gamma`'s offsets, as k + t: between
 * offset k and k + 1, a share t of the way. Offset k holds at 2^k features (where its bucket
 * starts) and the scale is linear in n up to 2^(k+1); flat past 2^15. (Basic IEEE operations
 * only, and a division by a power of two is exact: node and workerd agree to the last bit.)
 */
export function lengthPosition(n: number): number {
  const k = lengthBucket(n);
  return k === LENGTH_BUCKETS - 1 ? k : k + (n - (1 << k)) / (1 << k);
}

/** The offset at position `pos` (lengthPosition, or a bucket for steps) of one head's offsets g[base ..]. */
export function offsetAt(g: ArrayLike<number>, base: number, pos: number): number {
  const k = Math.floor(pos);
  const t = pos - k;
  return t === 0 ? g[base + k]! : g[base + k]! * (1 - t) + g[base + k + 1]! * t;
}

/** Where a window of n features reads its offset: `lengthPosition` when blended, its bucket when stepped. */
export function offsetPosition(n: number, smooth: boolean): number {
  return smooth ? lengthPosition(n) : lengthBucket(n);
}

export interface ArtifactHeader {
  format: 1;
  name: string;
  version: string;
  heads: Head[];
  features: FeatureSettings;
  limits: Limits;
  /** Per head: logit z = alpha · Σ int8 weights / max(n, minFeatures)^lengthPower + beta (quantization scale, bias and Platt calibration folded in). */
  alpha: number[];
  beta: number[];
  /**
   * Per head, an offset by window size: gamma[h][lengthBucket(n)] is added to the logit. Without
   * it the only way to model "a short text with no evidence either way" is the global bias, and
   * short texts (most chat prompts) drift toward the classes whose examples are short.
   */
  gamma?: number[][];
  /** Per head: named operating points (e.g. fpr_1pct) → probability threshold. */
  thresholds: Record<Head, Record<string, number>>;
  /** SHA-256 (hex) of the weights section, computed when the artifact is written. */
  hash: string;
}

const MAGIC = [0x54, 0x52, 0x47, 0x31]; // "TRG1"

export function encodeArtifact(header: ArtifactHeader, weights: Int8Array): Uint8Array {
  return encodeContainer(MAGIC, header, weights);
}

export function decodeArtifact(bytes: Uint8Array): { header: ArtifactHeader; weights: Int8Array } {
  const { header: raw, start } = decodeContainer(MAGIC, bytes, 'guard model');
  const header = raw as ArtifactHeader;
  if (header.format !== 1) throw new Error(`unsupported guard model format ${String(header.format)}`);
  const size = (1 << header.features.bits) * header.heads.length;
  if (bytes.length !== start + size) throw new Error(`guard model weights: expected ${size} bytes, found ${bytes.length - start}`);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset + start, size);
  return { header, weights };
}
