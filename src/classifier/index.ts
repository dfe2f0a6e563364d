// Public runtime API of the embedded guard classifier. The gateway imports this module; it uses
// no Workers APIs, so the same code scores in node (training, eval, CLI) and in the Worker.
//
//   import guardBytes from '../../models/guard.bin';        // Worker: ArrayBuffer (Data rule)
//   const model = loadGuardModel(new Uint8Array(guardBytes));
//   model.score(text)          // { prompt_injection, jailbreak, harmful, toxic } probabilities
//   model.thresholds.jailbreak // { fpr_1pct, fpr_0_1pct, … } probability thresholds

export { HEADS, type Head, type HeadScores, type ArtifactHeader } from './artifact';
export { loadGuardModel, type GuardModel, type GuardModelInfo } from './model';
export { normalize, leetView, views, type Views } from './normalize';
export { decodePayloads } from './decode';
