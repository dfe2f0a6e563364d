// Generated guard training rows. Every row names its source ("gen/<generator>") and, when it
// reuses pool material (a carrier document, a harmful question), the families of that material
// in `parts`, so leave-source-out evaluation can drop it when those families are held out.
// Only redistributable pool rows are used as building blocks.

import { familyOf, isRedistributable, LOOKALIKE, type GuardRow } from '../guard/data';
import { seeded, tidy, type Random } from '../lib/random';
import { groupWords, harmTopicQuestion, humanInstruction, personaSetup, lookalike, neutralAboutGroups } from './benign';
import { casualMessage, fragmentMessage, ordinaryPrompt, tinyPrompt } from './ordinary';
import { everydayRequest } from './everyday';
import { benignRequest, harmfulAct, harmfulPair } from './harmful';
import { carrier, directInjection, embed, plantedInstruction, searchResults } from './injection';
import { idiomMessage } from './idioms';
import { quotedTask } from './quoted';
import { agentPrompt } from './tools';
import { jailbreak } from './jailbreak';
import { lookalikeTest } from './lookalike-test';
import { ordinaryTest } from './ordinary-test';
import { obfuscate, OBFUSCATIONS } from './obfuscate';
import { toxicInContext, toxicText, vulgarText } from './toxic';
import { poolTwin } from './twins';
import type { Head } from '../../src/classifier/artifact';

export interface GenerateOptions {
  seed: number;
  /** Multiplies every generator's row count. */
  scale: number;
  /**
   * A benign twin of every harmful request (same frame, harmless act), weighted by the pipeline's
   * `mirrorWeight` (models/guard.md, "Frame-matched twins"). Off, the rows are exactly those
   * generated before twins existed.
   */
  twins: boolean;
  /**
   * Bare group words and plain sentences about groups as benign (benign.ts, groupWords). Off: they
   * cut toxic scores of neutral group mentions but cost held-out TOXIGEN recall (78.7% → 73.3%).
   */
  groupWords: boolean;
  /** Slurs and vulgar degradation as toxic rows (toxic.ts, vulgarText), from their own stream. */
  vulgar: boolean;
  /**
   * Benign questions about harms (benign.ts, harmTopicQuestion), from their own stream: weighed by
   * the harmful head like harmful rows (parity, `mirrors`), not used by the toxic head.
   */
  harmTopics: boolean;
  /**
   * Ordinary persona set-ups (benign.ts, personaSetup), from their own stream: weighed by the
   * jailbreak head like jailbreak rows (parity, `mirrors`), so a role-play frame alone stops
   * reading as a jailbreak (models/guard.md, "Persona set-ups").
   */
  personas: boolean;
  /**
   * Casual messages with chat markers (ordinary.ts, casualMessage: "lmao", "😂😂😂", "..."), from
   * their own stream, as ordinary benign rows for every head (models/guard.md, "Casual markers").
   */
  casual: boolean;
  /**
   * Fragments (ordinary.ts, fragmentMessage: a bare link, a link with a few words, a single word,
   * a code literal), from their own stream, as ordinary benign rows for every head.
   */
  fragments: boolean;
  /**
   * Search-result pages as a search tool returns them (injection.ts, searchResults), from their
   * own stream: two of three plain (benign documents), one with a planted instruction in a snippet.
   */
  searchResults: boolean;
  /**
   * Everyday tasks over a quoted message (quoted.ts): notices, corrections and manuals that use
   * "ignore", "previous instructions", "override" in their everyday sense, trained by the injection
   * head at an injection row's weight (parity), by the jailbreak head as ordinary benign rows, not
   * by the harmful and toxic heads; one in three carries a planted instruction instead. From their
   * own stream.
   */
  quoted: boolean;
  /**
   * Short everyday messages with a harm word in its everyday sense (idioms.ts: "kill switch", "the
   * demo bombed", "gun it"), trained by the harmful head at a harmful row's weight (parity), by the
   * injection and jailbreak heads as ordinary benign rows, not by the toxic head. Own stream.
   */
  idioms: boolean;
  /**
   * Agent prompts (tools.ts): a tool listing (ReAct, function schemas, MCP, XML, plain) with
   * set-up rules and a user task, as ordinary benign rows for every head; one in three carries a
   * planted instruction in a tool's description or output instead. Own stream.
   */
  agents: boolean;
}

export const DEFAULT_GENERATE: GenerateOptions = { seed: 7, scale: 1, twins: true, groupWords: false, vulgar: true, harmTopics: true, personas: true, casual: true, fragments: true, searchResults: true, quoted: true, idioms: true, agents: true };

const COUNTS = {
  injectionDirect: 3000,
  injectionIndirect: 3000,
  benignDocuments: 2500,
  jailbreak: 3000,
  harmful: 4000,
  harmfulInContext: 2000,
  toxic: 5000,
  toxicInContext: 3000,
  lookalike: 8000,
  ordinary: 6000,
  neutralGroups: 2000,
  benignRequests: 4000,
  everyday: 4000,
  tiny: 3000,
  groupWords: 1500,
  vulgar: 4000,
  harmTopics: 4000,
  personas: 1000,
  casual: 2000,
  fragments: 800,
  searchResults: 3000,
  quoted: 3000,
  idioms: 1500,
  agents: 3000,
  obfuscatedBenign: 1000,
  lookalikeTest: 1500,
  ordinaryTest: 1500,
};

const LICENSE = 'generated (own templates)';

function row(text: string, category: string, generator: string, parts: GuardRow[] = [], mirrors?: Head): GuardRow {
  const licenses = [...new Set(parts.map((p) => p.license))];
  return {
    text,
    label: category.startsWith('benign') ? 0 : 1,
    category,
    source: `gen/${generator}`,
    license: [LICENSE, ...licenses].join('; '),
    parts: [...new Set(parts.map((p) => familyOf(p.source)))],
    ...(mirrors ? { mirrors } : {}),
  };
}

/** Real users often type in lower case. */
function maybeLower(text: string, r: Random): string {
  return r.chance(0.2) ? text.toLowerCase() : text;
}

function maybeObfuscate(text: string, r: Random, rate: number): string {
  return r.chance(rate) ? obfuscate(text, r.pick(OBFUSCATIONS), r) : text;
}

/** A request with ordinary chat around it: a question before, a remark after. */
function chatter(request: string, r: Random): string {
  return chatterAround(r)(request);
}

/** Draws the chat around a request once, to wrap a harmful request and its twin alike. */
function chatterAround(r: Random): (request: string) => string {
  const before = r.chance(0.6) ? `${ordinaryPrompt(r)} ${r.pick(['Also,', 'Another thing:', 'Unrelated, but', 'And', 'Next question:', ''])}` : '';
  const after = r.chance(0.5) ? ` ${r.pick(['Thanks in advance!', 'Please be detailed.', 'Be specific.', 'Keep it short.', 'Answer in bullet points.', ordinaryPrompt(r)])}` : '';
  return (request) => `${before} ${request}${after}`.trim();
}

/** Generates rows from templates, using `pool` rows (redistributable only) as building blocks. */
export function generateGuardRows(pool: GuardRow[], opts: GenerateOptions = DEFAULT_GENERATE): GuardRow[] {
  const r = seeded(opts.seed);
  const usable = pool.filter((p) => isRedistributable(p.license) && !p.source.startsWith('gen/'));
  const carriers = usable.filter((p) => p.category === 'benign_document' && p.text.length >= 80 && p.text.length <= 4000);
  const shortBenign = usable.filter((p) => p.label === 0 && p.text.length <= 400);
  const questions = usable.filter((p) => p.category === 'harmful' && p.text.length <= 200);
  const out: GuardRow[] = [];
  const seen = new Set<string>();
  const add = (g: GuardRow): void => {
    if (seen.has(g.text)) return;
    seen.add(g.text);
    out.push(g);
  };
  const n = (k: keyof typeof COUNTS): number => Math.round(COUNTS[k] * opts.scale);

  for (let i = 0; i < n('injectionDirect'); i++) {
    // Half stand alone; half follow an ordinary request, as they do in real traffic.
    if (r.chance(0.5) || shortBenign.length === 0) add(row(maybeObfuscate(directInjection(r), r, 0.12), 'injection', 'injection-direct'));
    else {
      const host = r.pick(shortBenign);
      add(row(`${host.text}${r.pick(['\n', ' ', '\n\n'])}${maybeObfuscate(directInjection(r), r, 0.12)}`, 'injection', 'injection-direct', [host]));
    }
  }
  for (let i = 0; i < n('injectionIndirect') && carriers.length > 0; i++) {
    const doc = r.pick(carriers);
    const payload = maybeObfuscate(plantedInstruction(r), r, 0.1);
    add(row(carrier(embed(doc.text, payload, r), r), 'injection_indirect', 'injection-indirect', [doc]));
  }
  for (let i = 0; i < n('benignDocuments') && carriers.length > 0; i++) {
    const doc = r.pick(carriers);
    const text = r.chance(0.6) ? embed(doc.text, humanInstruction(r), r) : doc.text;
    add(row(carrier(text, r), 'benign_document', 'benign-documents', [doc]));
  }
  for (let i = 0; i < n('jailbreak'); i++) {
    if (r.chance(0.3) && questions.length > 0) {
      const q = r.pick(questions);
      const act = (): string => q.text.replace(/^(how (do|can|to|could|would) (i|you|one)|how to)\s+/i, '').replace(/[?.!]+$/, '');
      add(row(maybeObfuscate(jailbreak(r, act), r, 0.05), 'jailbreak', 'jailbreak', [q]));
    } else add(row(maybeObfuscate(jailbreak(r, () => harmfulAct(r)), r, 0.05), 'jailbreak', 'jailbreak'));
  }
  // With opts.twins, every harmful request comes with a benign twin in the same frame (harmful.ts,
  // harmfulPair), weighted like the harmful row (`mirrors`). The twins' harmless fillers come from
  // their own stream `tw`, so the harmful rows and every generator after them are drawn as before.
  const tw = opts.twins ? seeded(opts.seed ^ 0x7a1e5) : undefined;
  const twins: GuardRow[] = [];
  for (let i = 0; i < n('harmful'); i++) {
    let [text, twin] = harmfulPair(r, tw);
    if (r.chance(0.08)) {
      const kind = r.pick(OBFUSCATIONS);
      text = obfuscate(text, kind, r);
      if (twin !== undefined && tw !== undefined) twin = obfuscate(twin, kind, tw);
    }
    add(row(text, 'harmful', 'harmful'));
    if (twin !== undefined) twins.push(row(twin, 'benign', 'harmful-twins', [], 'harmful'));
  }
  // The same requests inside ordinary chatter, so "harmful" is not learned as "this many words";
  // benign requests get the same chatter (below), so the chatter is not learned either.
  for (let i = 0; i < n('harmfulInContext'); i++) {
    const [text, twin] = harmfulPair(r, tw);
    const wrap = chatterAround(r);
    add(row(wrap(text), 'harmful', 'harmful-in-context'));
    if (twin !== undefined) twins.push(row(wrap(twin), 'benign', 'harmful-in-context-twins', [], 'harmful'));
  }
  // The pool's harmful questions, their opening kept and the act swapped (twins.ts).
  if (tw !== undefined)
    for (const q of questions) {
      const twin = poolTwin(q.text, tw);
      if (twin !== undefined) twins.push(row(twin, 'benign', 'pool-twins', [q], 'harmful'));
    }
  for (let i = 0; i < n('toxic'); i++) add(row(maybeObfuscate(toxicText(r), r, 0.05), 'toxic', 'toxic'));
  const sentences = shortBenign.filter((p) => p.text.length <= 200 && !p.text.includes('\n'));
  for (let i = 0; i < n('toxicInContext') && sentences.length > 0; i++) {
    const host = r.pick(sentences);
    add(row(toxicInContext(host.text, r), 'toxic', 'toxic-in-context', [host]));
  }
  for (let i = 0; i < n('lookalike'); i++) add(row(maybeObfuscate(lookalike(r), r, 0.05), LOOKALIKE, 'lookalike-train'));
  for (let i = 0; i < n('ordinary'); i++) add(row(ordinaryPrompt(r), 'benign', 'ordinary'));
  for (let i = 0; i < n('tiny'); i++) add(row(tinyPrompt(r), 'benign', 'tiny'));
  for (let i = 0; i < n('benignRequests'); i++) add(row(r.chance(0.4) ? chatter(benignRequest(r), r) : benignRequest(r), 'benign', 'benign-requests'));
  for (let i = 0; i < n('neutralGroups'); i++) add(row(neutralAboutGroups(r), 'benign', 'neutral-groups'));
  for (let i = 0; i < n('obfuscatedBenign') && shortBenign.length > 0; i++) {
    const host = r.pick(shortBenign);
    add(row(obfuscate(host.text, r.pick(OBFUSCATIONS), r), host.category, 'obfuscated-benign', [host]));
  }
  // Added last so the generators above keep their random streams.
  for (let i = 0; i < n('everyday'); i++) add(row(maybeLower(tidy(everydayRequest(r)), r), 'benign', 'everyday'));
  for (const t of twins) add(t);
  // Generators added later draw from their own seeded stream, so turning one on or off leaves
  // every other row as it was.
  const ownStream = (enabled: boolean, k: keyof typeof COUNTS, salt: number, each: (s: Random, i: number) => void): void => {
    const s = seeded(opts.seed ^ salt);
    for (let i = 0; i < (enabled ? n(k) : 0); i++) each(s, i);
  };
  ownStream(opts.groupWords, 'groupWords', 0x6a0b, (g) => add(row(groupWords(g), 'benign', 'group-words')));
  ownStream(opts.vulgar, 'vulgar', 0x7017c, (v) => {
    // Half alone, half after an ordinary sentence (abuse mid-conversation, not only as a whole comment).
    if (v.chance(0.5) || sentences.length === 0) add(row(vulgarText(v), 'toxic', 'toxic-vulgar'));
    else {
      const host = v.pick(sentences);
      add(row(`${host.text.replace(/[.!?\s]+$/, '')}${v.pick(['. ', ', ', ' ', '... '])}${vulgarText(v)}`, 'toxic', 'toxic-vulgar', [host]));
    }
  });
  ownStream(opts.harmTopics, 'harmTopics', 0x4a2d7, (q) => add(row(harmTopicQuestion(q), LOOKALIKE, 'harm-topics', [], 'harmful')));
  ownStream(opts.personas, 'personas', 0x7e25a, (ps) => add(row(personaSetup(ps), LOOKALIKE, 'personas', [], 'jailbreak')));
  ownStream(opts.casual, 'casual', 0xca5a1, (cs) => add(row(casualMessage(cs), 'benign', 'casual')));
  ownStream(opts.fragments, 'fragments', 0xf4a9, (fs) => add(row(fragmentMessage(fs), 'benign', 'fragments')));
  // Two plain rows for every one that carries a planted instruction in the same shape, so the
  // shape is evidence for neither class (search results, quoted tasks).
  const plainAndPlanted = (s: Random, i: number, make: (s: Random, payload?: string) => string, plain: (text: string) => GuardRow, planted: string): void => {
    if (i % 3 !== 1) add(plain(make(s)));
    else add(row(make(s, maybeObfuscate(plantedInstruction(s), s, 0.1)), 'injection_indirect', planted));
  };
  ownStream(opts.searchResults, 'searchResults', 0x5ea4c, (sr, i) =>
    plainAndPlanted(sr, i, searchResults, (text) => row(text, 'benign_document', 'search-results'), 'search-results-injected'),
  );
  ownStream(opts.quoted, 'quoted', 0x9007ed, (qs, i) =>
    plainAndPlanted(qs, i, quotedTask, (text) => row(text, LOOKALIKE, 'quoted-tasks', [], 'prompt_injection'), 'quoted-tasks-injected'),
  );
  ownStream(opts.idioms, 'idioms', 0x1d107, (is) => add(row(idiomMessage(is), LOOKALIKE, 'idioms', [], 'harmful')));
  ownStream(opts.agents, 'agents', 0xa6e47, (as, i) => plainAndPlanted(as, i, agentPrompt, (text) => row(text, 'benign', 'agents'), 'agents-injected'));
  // The held-out test sets: their own generators and seed stream, never trained on.
  const t = seeded(opts.seed ^ 0x5eed);
  for (let i = 0; i < n('lookalikeTest'); i++) add(row(lookalikeTest(t), LOOKALIKE, 'lookalike-test'));
  for (let i = 0; i < n('ordinaryTest'); i++) add(row(ordinaryTest(t), 'benign', 'ordinary-test'));
  return out;
}
