/**
 * What the guards computed for a text, kept so it is computed once.
 *
 * Per request: every rule of a request reads the same string objects (the request's segments), so
 * a lookup in the request's table is a pointer comparison. A key built as `prefix + text` would be
 * a fresh string on every lookup: hashing or comparing it flattened and read the whole text
 * (~0.15 ms per lookup at 32k tokens, six lookups a request) — hence one table per backend.
 *
 * Across requests (`SharedResults`): a conversation resends every earlier message with each new
 * turn, and an application sends the same system prompt with every request. Scoring them again
 * is most of the guards' work on long conversations (a 32k-token history costs ~4 ms of the
 * 10 ms free-plan budget every turn), so results for long texts are also kept in a bounded
 * per-isolate table. Scores and spans are pure functions of the text and the model, and the
 * models are fixed for an isolate's life, so a kept result is exactly what scoring again gives.
 * Entries are per key (`scope`): a client never gets another client's result, so response timing
 * cannot tell it whether somebody else sent a text.
 */

import { mix32 } from '../util/random';

/** Texts shorter than this are scored again: cheaper than keeping them. */
export const SHARED_MIN_CHARS = 256;

/**
 * A cheap fingerprint of a text: its length and 48 characters at fixed spots (both ends and evenly
 * spaced between), O(1) whatever the length. Only admission uses it (`SharedResults`): two texts
 * with the same fingerprint cost one needless admission, never a wrong result.
 */
function fingerprint(text: string, salt: number): number {
  const n = text.length;
  let h = mix32(n ^ salt);
  for (let k = 0; k < 16; k++) h = mix32(h ^ text.charCodeAt(k) ^ (text.charCodeAt(n - 1 - k) << 16));
  const step = Math.max(1, Math.floor(n / 17));
  for (let i = step; i < n; i += step) h = mix32(h ^ text.charCodeAt(i));
  return h | 0;
}

function saltOf(s: string): number {
  let h = 0x2545f491;
  for (let i = 0; i < s.length; i++) h = mix32(h ^ s.charCodeAt(i));
  return h;
}

interface Entry {
  text: string;
  value: unknown;
  table: Map<string, Entry>;
  tableKey: string;
  newer?: Entry;
  older?: Entry;
}

/**
 * A least-recently-used table bounded by entries and by the characters of the texts it keeps.
 * A text is kept the second time it is seen, not the first: most texts are never sent again, and
 * keeping each one would make every request's text outlive it (a long-lived string is copied by
 * the garbage collector; a short-lived one costs nothing), measured at ~0.1 ms per request on
 * new 1k-token prompts. What was seen is a table of fingerprints, fixed in size; a conversation's
 * messages are kept from their second turn and found from their third.
 */
export class SharedResults {
  private readonly tables = new Map<string, Map<string, Entry>>();
  private readonly seen = new Int32Array(1 << 14);
  private newest?: Entry;
  private oldest?: Entry;
  private chars = 0;
  private count = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxChars = 4_000_000,
    readonly maxEntries = 8_192,
  ) {}

  get size(): { entries: number; chars: number } {
    return { entries: this.count, chars: this.chars };
  }

  get<T>(scope: string, name: string, text: string, compute: (text: string) => T): T {
    const tableKey = `${name}\u0000${scope}`;
    let table = this.tables.get(tableKey);
    const found = table?.get(text);
    if (found) {
      this.hits++;
      this.touch(found);
      return found.value as T;
    }
    this.misses++;
    const value = compute(text);
    if (text.length > this.maxChars) return value;
    const f = fingerprint(text, saltOf(tableKey));
    const slot = f & (this.seen.length - 1);
    if (this.seen[slot] !== f) {
      this.seen[slot] = f;
      return value;
    }
    if (!table) this.tables.set(tableKey, (table = new Map()));
    const entry: Entry = { text, value, table, tableKey };
    table.set(text, entry);
    this.link(entry);
    this.chars += text.length;
    this.count++;
    while (this.oldest && (this.chars > this.maxChars || this.count > this.maxEntries)) this.evict(this.oldest);
    return value;
  }

  clear(): void {
    this.tables.clear();
    this.seen.fill(0);
    this.newest = this.oldest = undefined;
    this.chars = this.count = 0;
  }

  private link(e: Entry): void {
    e.older = this.newest;
    e.newer = undefined;
    if (this.newest) this.newest.newer = e;
    this.newest = e;
    this.oldest ??= e;
  }

  private unlink(e: Entry): void {
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    e.newer = e.older = undefined;
  }

  private touch(e: Entry): void {
    if (this.newest === e) return;
    this.unlink(e);
    this.link(e);
  }

  private evict(e: Entry): void {
    this.unlink(e);
    e.table.delete(e.text);
    if (e.table.size === 0) this.tables.delete(e.tableKey);
    this.chars -= e.text.length;
    this.count--;
  }
}

/** The isolate's shared table (module state lives as long as the isolate). */
export const sharedResults = new SharedResults();

/** One request's memo: its own tables, then the isolate's shared one for long texts. */
export class GuardMemo {
  /** `scope`: whose shared entries this request may read and add (the key's id); none: request only. */
  constructor(
    readonly scope?: string,
    private readonly shared: SharedResults = sharedResults,
    private readonly tables = new Map<string, Map<string, unknown>>(),
  ) {}

  /**
   * The same request tables, nothing shared: for texts no later request sends again (an answer's
   * streamed windows are new strings at every check and would only push useful entries out).
   */
  requestOnly(): GuardMemo {
    return new GuardMemo(undefined, this.shared, this.tables);
  }

  /**
   * `compute(text)` once per request — and, with `share`, once per isolate and key for long texts.
   * Share only pure local results: a remote backend's answer (or its failure) is the request's own.
   */
  of<T>(name: string, text: string, compute: (text: string) => T, share = true): T {
    let table = this.tables.get(name);
    if (table === undefined) this.tables.set(name, (table = new Map()));
    let value = table.get(text) as T | undefined;
    if (value === undefined) {
      value = share && this.scope !== undefined && text.length >= SHARED_MIN_CHARS ? this.shared.get(this.scope, name, text, compute) : compute(text);
      table.set(text, value);
    }
    return value;
  }
}
