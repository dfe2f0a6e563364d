import { type GuardModel, type Head, HEADS, type HeadScores, loadGuardModel } from '../../classifier';
import { loadRouter, type Router } from '../../classifier/router';
import { sharedResults } from '../memo';
import type { Guard, GuardContext } from '../types';

/**
 * The embedded models, parsed once per isolate on first use. Scoring is pure CPU in microseconds:
 * no network hop, no remote model. Where the bytes come from is registered by the host: the
 * Worker bundles them as data modules (`./bundled.ts`), node reads them from `models/`.
 */
let source: { guard: () => Uint8Array; router: () => Uint8Array } | undefined;
let guardModel: GuardModel | undefined;
let router: Router | undefined;

export function registerModelSource(s: { guard: () => Uint8Array; router: () => Uint8Array }) {
  source = s;
  sharedResults.clear();
  guardModel = undefined;
  router = undefined;
}

function bytes(which: 'guard' | 'router'): Uint8Array {
  if (!source) throw new Error('embedded models are not registered');
  return source[which]();
}

export function embeddedGuardModel(): GuardModel {
  guardModel ??= loadGuardModel(bytes('guard'));
  return guardModel;
}

export function embeddedRouter(): Router {
  router ??= loadRouter(bytes('router'));
  return router;
}

export const isHead = (name: string): name is Head => (HEADS as readonly string[]).includes(name);

const scoreText = (text: string): HeadScores => embeddedGuardModel().score(text);

/** All heads of one text, computed once however many rules read them (see `GuardMemo`). */
export function headScores(text: string, ctx: Pick<GuardContext, 'memo'>): HeadScores {
  return ctx.memo.of('embedded', text, scoreText);
}

export function headGuard(head: Head): Guard {
  return {
    name: head,
    operatingPoint: (name) => embeddedGuardModel().thresholds[head]?.[name],
    check: (text, ctx) => ({ score: headScores(text, ctx)[head], backend: 'embedded' }),
  };
}
