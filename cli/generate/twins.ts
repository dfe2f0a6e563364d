// Benign twins of the pool's harmful questions: the question's own opening ("What is the best
// way to", "How can I", "Write a tutorial on how to", "Provide step-by-step instructions for how
// to") followed by an everyday act instead of the harmful one.
//
// Why: the harmful sources ask in a handful of openings, and ordinary users ask in the same
// ones. Without twins, "What is the best way to" is seen almost only before harmful acts and is
// learned as harmful by itself; with a twin per question at the same weight (pipeline.ts,
// `mirrors`) the opening is seen equally in both classes and the act decides. A twin reuses the
// question's wording, so it carries the question's family in `parts` and leave-source-out drops
// it with that family.

import { expand, type Random } from '../lib/random';
import { benignAct } from './harmful';

// Openings that end where the act begins: "… how to", "… way to", "How can I", "help me".
const OPENING = new RegExp(
  [
    '\\b(?:ways?|steps?|instructions|tips|tutorial|guide|plan|method|strategy|process|script|program|code|how)\\s+(?:[a-z]+\\s+){0,4}?to\\b',
    '\\bhow\\s+(?:can|do|could|would|should|might|will|does)\\s+(?:i|you|we|one|someone|people|a person)\\b',
    '\\b(?:help|teach|show)\\s+(?:me|us|people|users|someone)\\s+(?:how\\s+)?(?:to\\s+)?',
    '\\bexplain\\s+how\\s+to\\b',
  ].join('|'),
  'i',
);

// Requests for an artifact ("Write a script that …", "Create a website for …", "Develop a plan
// to …"): the opening up to the word that introduces what the artifact does.
const ARTIFACT = /^(?:please\s+)?(?:write|create|develop|design|generate|build|produce|compose|draft|make|code|program|publish|post|outline|provide|give|suggest)\s+(?:me\s+)?(?:a|an|the|some)?\s*(?:[\w-]+\s+){0,3}?(that|which|to|for|on|about)\b/i;

// What an artifact does, in the third person ("a script that …"): software and writing alike.
const DOES = [
  '{sorts|filters|counts|formats|backs up|renames|summarizes|translates|validates|tracks|organizes|compares|plots|exports|merges} {a list of names|my vacation photos|customer emails|monthly expenses|recipes|contacts|temperature readings|a to-do list|my workouts|book titles|survey answers|invoices|class schedules|sales figures|song lyrics}',
  '{celebrates|explains|promotes|reviews|encourages|describes|thanks} {healthy eating|recycling|reading to kids|local farmers|the new library|volunteers|a neighborhood cleanup|our school\'s science fair|learning a second language|regular exercise|a family trip|public parks}',
  '{helps|lets} {students|users|my kids|customers|new employees|gardeners|beginners} {learn fractions|water their plants|plan meals|practice Spanish|find a hiking trail|split a bill|book a table|stretch after running}',
];
const ABOUT = ['a bake sale', 'healthy eating', 'remote work', 'a school fundraiser', 'the history of jazz', 'a community garden', 'time management', 'a birthday party', 'first-time home buyers', 'learning to code', 'a book club', 'saving energy at home', 'a charity run', 'a family reunion'];

/** An artifact request's opening and a benign filler for what follows it. */
function artifactTwin(question: string, r: Random): string | undefined {
  const m = ARTIFACT.exec(question);
  if (!m || question.slice(m[0].length).trim().split(/\s+/).length < 2) return undefined;
  const link = m[1].toLowerCase();
  const rest = link === 'to' ? benignAct(r) : link === 'that' || link === 'which' ? expand(r.pick(DOES), r) : r.pick(ABOUT);
  return `${m[0]} ${rest}`;
}

/** The question's opening up to where its act begins, or undefined when it has none we can use. */
export function openingOf(question: string): string | undefined {
  const m = OPENING.exec(question);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  // The opening must be a frame near the start, with an act of two words or more after it to swap.
  if (end > 70 || question.slice(end).trim().split(/\s+/).length < 2) return undefined;
  return question.slice(0, end).trimEnd();
}

/** A benign twin of a harmful pool question, or undefined when its opening is not recognized. */
export function poolTwin(question: string, r: Random): string | undefined {
  const opening = openingOf(question);
  if (opening === undefined) {
    const twin = artifactTwin(question, r);
    return twin === undefined ? undefined : twin + (/\?\s*$/.test(question) ? '?' : '');
  }
  const end = /\?\s*$/.test(question) ? '?' : /\.\s*$/.test(question) ? '.' : '';
  return `${opening} ${benignAct(r)}${end}`;
}
