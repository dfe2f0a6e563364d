// Featurized training rows, stored once and reused by every fold. Each row is stored the way the
// runtime sees it (src/classifier/windows.ts): its views, each cut into chunks of feature ids.
// A row's "instances" are its windows over those chunks; the runtime scores max over instances,
// and training follows the same rule (see trainer.ts).

import { FeatureBuffer, type FeatureSettings } from '../../src/classifier/features';
import { forEachView, type Limits } from '../../src/classifier/windows';

export interface InstanceStore {
  settings: FeatureSettings;
  rows: number;
  /** Feature ids of every chunk of every view of every row, concatenated. */
  ids: Int32Array;
  /** chunkEnd[c] = end offset in `ids` of chunk c (chunk c starts at chunkEnd[c-1], or 0). */
  chunkEnd: Int32Array;
  /** viewChunk[v] = first chunk of view v; viewChunk[v+1] its end. */
  viewChunk: Int32Array;
  /** rowView[r] = first view of row r; rowView[r+1] its end. */
  rowView: Int32Array;
}

class Growable {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  append(src: Int32Array, n: number): void {
    while (this.length + n > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(src.subarray(0, n), this.length);
    this.length += n;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Featurizes `texts` with the runtime's code path; `maxViews` caps extra views per row. */
export function buildInstances(texts: string[], settings: FeatureSettings, limits: Limits, maxViews = 4): InstanceStore {
  const ids = new Growable(1 << 22);
  const chunkEnd = new Growable(1 << 16);
  const viewChunk = new Growable(1 << 16);
  const rowView = new Growable(texts.length + 1);
  const buf = new FeatureBuffer();
  for (const text of texts) {
    rowView.push(viewChunk.length);
    let viewsOfRow = 0;
    forEachView(text, settings, limits, buf, () => {
      if (viewsOfRow++ >= maxViews) return;
      viewChunk.push(chunkEnd.length);
      const base = ids.length;
      ids.append(buf.ids, buf.length);
      for (const end of buf.chunkEnds) chunkEnd.push(base + end);
    });
  }
  rowView.push(viewChunk.length);
  viewChunk.push(chunkEnd.length);
  return {
    settings,
    rows: texts.length,
    ids: ids.done(),
    chunkEnd: chunkEnd.done(),
    viewChunk: viewChunk.done(),
    rowView: rowView.done(),
  };
}
