// Shared types of the PII and secret detectors. Nothing here imports an implementation.

/**
 * Personal data types. Offsets in spans are UTF-16 code unit offsets (JavaScript string indices).
 */
export const PERSONAL_TYPES = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS'] as const;

/**
 * Secret types. The scheme: a type names *how the value was recognised*, so a policy can treat
 * a self-identifying credential differently from a guess made from context.
 * - `API_KEY`: a token whose own format names its issuer (OpenAI `sk-…`, GitHub `ghp_…`, …);
 *   `subtype` carries the provider.
 * - `AWS_ACCESS_KEY`: an AWS access key id (`AKIA…`, `ASIA…`); not secret alone, but it marks the
 *   secret key that usually travels with it.
 * - `PRIVATE_KEY`: a PEM private key block, from `-----BEGIN` to `-----END` (or to where it stops).
 * - `JWT`: a JSON Web Token (header.payload.signature, base64url JSON header).
 * - `SECRET`: a value found only by its context: `password=…`, `token: …`, `Authorization: Bearer …`,
 *   the password of a connection string, an AWS secret access key next to its variable name.
 */
export const SECRET_TYPES = ['API_KEY', 'AWS_ACCESS_KEY', 'PRIVATE_KEY', 'JWT', 'SECRET'] as const;

export const PII_TYPES = [...PERSONAL_TYPES, ...SECRET_TYPES] as const;

export type PiiType = (typeof PII_TYPES)[number];

export interface PiiSpan {
  type: string;
  /** Inclusive start, UTF-16 offset. */
  start: number;
  /** Exclusive end, UTF-16 offset. */
  end: number;
  /** How sure the detector is, in [0, 1]; validated formats (Luhn, mod-97) are near 1. */
  confidence?: number;
  /** Finer kind, e.g. the provider of an `API_KEY` (`openai`, `github`, …). */
  subtype?: string;
}

export interface DetectOptions {
  /** Only these types are reported (all supported types when absent). */
  types?: readonly string[];
}

/** A detector finds candidate spans of its types; overlaps between detectors are resolved later. */
export type Detector = (text: string, out: PiiSpan[]) => void;
