// Toxic text that is not tweet-style: insults aimed at a person, hateful generalizations and
// exclusion of groups, threats, harassment and profane rants, written as forum comments,
// replies, reviews, chat messages and e-mails. The pool's toxic rows are almost all tweets; the
// head has to learn toxicity, not Twitter. Its benign counterpart (neutral statements about the
// same groups, civil disagreement) lives in benign.ts.

import { expand, tidy, type Random } from '../lib/random';

export const GROUPS = ['women', 'men', 'immigrants', 'refugees', 'Muslims', 'Jews', 'Christians', 'atheists', 'Black people', 'white people', 'Asians', 'Chinese people', 'Mexicans', 'Latinos', 'Arabs', 'Indians', 'gay people', 'lesbians', 'trans people', 'bisexual people', 'disabled people', 'autistic people', 'old people', 'poor people', 'fat people', 'Native Americans', 'Africans', 'Romanians', 'Polish people', 'Hindus', 'feminists', 'liberals', 'conservatives', 'Southerners', 'foreigners'];

const ADJ = ['stupid', 'pathetic', 'worthless', 'disgusting', 'dumb', 'useless', 'braindead', 'ignorant', 'moronic', 'ugly', 'fat', 'lazy', 'delusional', 'spineless', 'clueless', 'miserable', 'filthy', 'idiotic', 'retarded', 'incompetent', 'brainless', 'sad', 'vile'];
const NOUN = ['idiot', 'moron', 'loser', 'clown', 'piece of shit', 'piece of garbage', 'waste of space', 'jerk', 'asshole', 'dumbass', 'imbecile', 'scumbag', 'creep', 'coward', 'pig', 'troll', 'fool', 'dipshit', 'bastard', 'joke', 'parasite', 'lowlife', 'bitch', 'prick', 'cretin'];
const TRAIT = ['lazy', 'dirty', 'violent', 'stupid', 'criminals', 'parasites', 'animals', 'subhuman', 'inferior', 'dangerous', 'disgusting', 'a disease', 'a plague on this country', 'terrorists', 'thieves', 'freaks', 'mentally ill', 'worthless', 'vermin', 'liars', 'too emotional to lead', 'ruining everything', 'a burden on society', 'genetically inferior'];
const EXCLUDE = ['should go back to where they came from', 'should not be allowed to vote', 'don\'t deserve {rights|jobs|to live here}', 'should be {banned|deported|locked up|kicked out} {from this country|}', 'have no place in {our society|this country|civilized society}', 'should {stay in the kitchen|shut up and obey}', 'are not real {Americans|citizens|people}', 'should be wiped out', 'need to be put in their place', 'should never be allowed near children'];

const TEMPLATES = [
  // aimed at a person
  '{You are|You\'re|ur|you\'re just} {a|such a|an absolute|a complete|the biggest} $adj $noun{.|!|!!}',
  '{Shut up|Shut your mouth|Get lost|Go away|Nobody asked you|Piss off}, {you|} $adj $noun{.|!}',
  '{Only a|What a|Typical} $adj $noun {would|could} {write|say|believe|post} {something like this|this garbage|that}.',
  '{Nobody|No one} {cares|gives a damn|gives a shit} about {your|you or your} {opinion|life|stupid comments}, $noun.',
  '{Go|Just go} {die|kill yourself|to hell|jump off a bridge|choke}{, you $noun|}{.|!}',
  'I hope {you|your family} {die|get cancer|rot in hell|suffer|lose everything}{.|!}',
  'You\'re too $adj to {understand|get it|have an opinion|be in this conversation}. {Go back to school.|Pathetic.|Log off.}',
  '{People like you|Idiots like you|Losers like you} {should|shouldn\'t} {be allowed to breed|have the right to speak|exist|be allowed online}.',
  'Are you {really|seriously|actually} this $adj{?|??} {What a $noun.|Unbelievable.|Get a brain.}',
  '{The author|This reporter|Whoever wrote this|The OP|This guy|Your boss|The mayor} is {a|an|such a} $adj $noun{.|!}',
  '{This|What a} {fucking|damn|goddamn|bloody} {stupid|idiotic|garbage|useless} {article|post|take|comment|product}. {The author should be ashamed.|What a waste of my time.|Fire whoever wrote it.}',
  'Fuck {you|off|this guy|all of you}{, $noun|}{.|!}',
  '{I will|I\'m going to|I\'ll} {find you and|come to your house and|} {beat|hurt|kill|break} {you|your face|your legs}{.|!}',
  '{I know where you live|Watch your back|You\'d better sleep with one eye open}, $noun.',
  'Someone should {beat|shoot|hurt|punch} {that|this} $noun{.|!}',
  // aimed at groups
  '$group are {all|just|nothing but|so|basically} $trait{.|!}',
  '{All|Most|Those} $group $exclude.',
  '{I can\'t stand|I hate|I despise|I\'m sick of} $group{.|!} {They are $trait.|They $exclude.|}',
  '{Honestly,|Let\'s be real,|Face it,|} $group $exclude.',
  '{Why are|Why do} $group {always|so} {$trait|stink|ruin everything}?',
  '$group {are|have always been} $trait and {everyone knows it|that\'s a fact|nobody will say it}.',
  'The problem with this country is $group. {They are $trait.|They $exclude.}',
  'Never {hire|trust|rent to|date} $group, they are $trait.',
  '{It\'s|It is} a fact that $group are $trait.',
];

const WRAP = [
  (t: string) => t,
  (t: string) => t,
  (t: string) => `Reply to comment #${Math.floor(t.length * 7) % 900 + 10}: ${t}`,
  (t: string) => `Re: ${t}`,
  (t: string) => `${t} Seriously, ${t.charAt(0).toLowerCase()}${t.slice(1)}`,
  (t: string) => t.toUpperCase(),
  (t: string) => `1 star. ${t}`,
];

/** A toxic comment. */
export function toxicText(r: Random): string {
  const slots = { adj: ADJ, noun: NOUN, trait: TRAIT, exclude: EXCLUDE, group: GROUPS };
  const n = r.chance(0.25) ? 2 : 1;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(tidy(expand(r.pick(TEMPLATES), r, slots)));
  const text = r.pick(WRAP)(parts.join(' '));
  return r.chance(0.2) ? text.toLowerCase() : text;
}
