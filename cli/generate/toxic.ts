// Toxic text that is not tweet-style: insults aimed at a person, profanity-laden attacks,
// hateful generalizations and exclusion of groups (explicit and implicit), dehumanization,
// threats, sexual harassment, written as forum comments, replies, reviews, game chat, e-mails.
// The pool's toxic rows are almost all tweets; the head has to learn toxicity, not Twitter.
// Its benign counterparts (neutral statements about the same groups, civil disagreement,
// profanity that insults no one) live in benign.ts.

import { expand, tidy, type Random } from '../lib/random';

export const GROUPS = ['women', 'men', 'immigrants', 'refugees', 'Muslims', 'Jews', 'Christians', 'atheists', 'Black people', 'white people', 'Asians', 'Chinese people', 'Mexicans', 'Latinos', 'Arabs', 'Indians', 'gay people', 'lesbians', 'trans people', 'bisexual people', 'disabled people', 'autistic people', 'old people', 'poor people', 'fat people', 'Native Americans', 'Africans', 'Romanians', 'Polish people', 'Hindus', 'feminists', 'liberals', 'conservatives', 'Southerners', 'foreigners', 'gypsies', 'Pakistanis', 'Somalis', 'Haitians', 'Filipinos', 'Koreans', 'Russians', 'Irish people', 'hillbillies', 'single mothers', 'homeless people', 'blind people', 'deaf people', 'Mormons', 'Catholics'];

const ADJ = ['stupid', 'pathetic', 'worthless', 'disgusting', 'dumb', 'useless', 'braindead', 'ignorant', 'moronic', 'ugly', 'fat', 'lazy', 'delusional', 'spineless', 'clueless', 'miserable', 'filthy', 'idiotic', 'retarded', 'incompetent', 'brainless', 'vile', 'gutless', 'smelly', 'inbred', 'hideous', 'psychotic', 'mentally ill', 'subhuman', 'dense', 'obnoxious', 'repulsive', 'toxic', 'sorry-ass', 'half-witted', 'fucking', 'goddamn', 'bloody', 'stinking', 'ungrateful', 'entitled', 'triggered', 'snowflake'];
const NOUN = ['idiot', 'moron', 'loser', 'clown', 'piece of shit', 'piece of garbage', 'waste of space', 'jerk', 'asshole', 'dumbass', 'imbecile', 'scumbag', 'creep', 'coward', 'pig', 'troll', 'fool', 'dipshit', 'bastard', 'joke', 'parasite', 'lowlife', 'bitch', 'prick', 'cretin', 'dickhead', 'douchebag', 'twat', 'cunt', 'slut', 'whore', 'retard', 'degenerate', 'freak', 'weirdo', 'nerd', 'hypocrite', 'liar', 'snake', 'rat', 'worm', 'cockroach', 'dog', 'animal', 'neckbeard', 'incel', 'simp', 'boomer', 'karen', 'shithead', 'jackass', 'numbskull', 'buffoon', 'sack of crap', 'motherfucker', 'son of a bitch'];
export const TRAIT = ['lazy', 'dirty', 'violent', 'stupid', 'criminals', 'parasites', 'animals', 'subhuman', 'inferior', 'dangerous', 'disgusting', 'a disease', 'a plague on this country', 'terrorists', 'thieves', 'freaks', 'mentally ill', 'worthless', 'vermin', 'liars', 'too emotional to lead', 'ruining everything', 'a burden on society', 'genetically inferior', 'rapists', 'savages', 'leeches', 'cockroaches', 'sick in the head', 'a cancer', 'filth', 'not fully human', 'born criminals', 'greedy', 'backward', 'primitive', 'smelly', 'unclean', 'predators', 'brainwashed'];
const EXCLUDE = ['should go back to where they came from', 'should not be allowed to vote', 'don\'t deserve {rights|jobs|to live here|respect}', 'should be {banned|deported|locked up|kicked out|sterilized} {from this country|}', 'have no place in {our society|this country|civilized society|our schools}', 'should {stay in the kitchen|shut up and obey|know their place}', 'are not real {Americans|citizens|people|men|women}', 'should be wiped out', 'need to be put in their place', 'should never be allowed near children', 'shouldn\'t be allowed to {marry|adopt|work here|teach}', 'are why {crime|disease|unemployment} is rising', 'breed like rabbits', 'are taking over {our country|our neighborhoods}', 'can\'t be trusted with {money|power|anything}', 'only care about {money|welfare|themselves}'];
const BODY = ['face', 'body', 'voice', 'teeth', 'nose', 'weight', 'haircut', 'laugh'];
const HARM = ['beat the shit out of you', 'break your legs', 'smash your face in', 'put you in the hospital', 'make you regret it', 'end you', 'burn your house down', 'hunt you down', 'slit your throat', 'ruin your life'];

const PERSONAL = [
  '{You are|You\'re|ur|you\'re just|You are honestly} {a|such a|an absolute|a complete|the biggest|one} $adj $noun{.|!|!!|...}',
  '{Shut up|Shut your mouth|Get lost|Go away|Nobody asked you|Piss off|Fuck off|Stfu|Go cry somewhere else}, {you|ya|} $adj $noun{.|!}',
  '{Only a|What a|Typical|Such a} $adj $noun {would|could} {write|say|believe|post} {something like this|this garbage|that|this crap}.',
  '{Nobody|No one} {cares|gives a damn|gives a shit|gives a fuck} about {your|you or your} {opinion|life|stupid comments|feelings}, $noun.',
  '{Go|Just go|Please go} {die|kill yourself|to hell|jump off a bridge|choke on it|rot}{, you $noun|}{.|!}',
  'I hope {you|your family|your kids} {die|get cancer|rot in hell|suffer|lose everything|get hit by a bus}{.|!}',
  'You\'re too $adj to {understand|get it|have an opinion|be in this conversation|breathe}. {Go back to school.|Pathetic.|Log off.|Embarrassing.}',
  '{People like you|Idiots like you|Losers like you|Morons like you} {should|shouldn\'t} {be allowed to breed|have the right to speak|exist|be allowed online|vote}.',
  'Are you {really|seriously|actually} this $adj{?|??} {What a $noun.|Unbelievable.|Get a brain.|Jesus christ.}',
  '{The author|This reporter|Whoever wrote this|The OP|This guy|Your boss|The mayor|This streamer|My ex|The ref} is {a|an|such a|the most} $adj $noun{.|!}',
  '{This|What a} {fucking|damn|goddamn|bloody|shitty} {stupid|idiotic|garbage|useless|pathetic} {article|post|take|comment|product|game|movie}. {The author should be ashamed.|What a waste of my time.|Fire whoever wrote it.|Kill it with fire.}',
  '{Fuck|Screw} {you|off|this guy|all of you|your mother}{, $noun|}{.|!}',
  '{I will|I\'m going to|I\'ll} {find you and|come to your house and|} $harm{.|!}',
  '{I know where you live|Watch your back|You\'d better sleep with one eye open|Keep talking and see what happens}, $noun.',
  'Someone should {beat|shoot|hurt|punch|stab} {that|this} $noun{.|!}',
  'Your $body {is|looks} {disgusting|hideous|like a pig\'s|like garbage}. {No wonder nobody loves you.|Do everyone a favor and stay inside.|Kill yourself.}',
  '{Lol|lmao|haha} {look at|imagine being} this $adj $noun{.|!|}',
  '{uninstall|get good|kys|noob}{,|} {you|u} $adj $noun',
  '{Nice|Great} {job|work}{,|} $noun. {You ruined everything again.|Even a child could do better.|Are you proud of yourself?}',
  'Send {nudes|pics} or {I\'ll leak your address|I\'ll tell everyone you\'re a slut}{.|!}',
  'You {fat|ugly|stupid|dumb} {cow|pig|whale|bitch}, {nobody will ever date you|go starve yourself|you make me sick}.',
];

const GROUP = [
  '$group are {all|just|nothing but|so|basically} $trait{.|!}',
  '{All|Most|Those|These} $group $exclude.',
  '{I can\'t stand|I hate|I despise|I\'m sick of|I\'m so tired of} $group{.|!} {They are $trait.|They $exclude.|}',
  '{Honestly,|Let\'s be real,|Face it,|Sorry but|Not gonna lie,} $group $exclude.',
  '{Why are|Why do} $group {always|so} {$trait|stink|ruin everything|complain so much}?',
  '$group {are|have always been} $trait and {everyone knows it|that\'s a fact|nobody will say it|the media hides it}.',
  'The problem with {this country|Europe|our schools|this city} is $group. {They are $trait.|They $exclude.}',
  'Never {hire|trust|rent to|date|vote for} $group, they are $trait.',
  '{It\'s|It is} {a fact|common sense|just science} that $group are $trait.',
  '{Another|Typical} {one of those|} $group {ruining|destroying|invading} {our neighborhood|this country|everything}. {Disgusting.|Send them back.|Sick of it.}',
  '$group {aren\'t|are not} {people|human|welcome here}. {They are $trait.|Period.}',
  '{If you let|Once you let} $group {in|move in|into your neighborhood}, {crime goes up|property values drop|it becomes a dump}.',
  'I {would never|wouldn\'t} let my {daughter|son|kids} {marry|date|play with} {one of those|} $group.',
  '{We need to|Somebody has to} {get rid of|clean out|deal with} {the|all the|these} $group {once and for all|before it\'s too late|}.',
];

// Implicit hate: stereotypes and exclusion said politely, with no insult or slur to key on.
const IMPLICIT = [
  '{I\'m not racist, but|No offense, but|Just saying,|Statistically speaking,} $group {are|tend to be} {less intelligent|naturally more violent|bad with money|not suited for leadership|incapable of real work}.',
  '$group {just|only} {want handouts|take advantage of the system|live off welfare|don\'t value education|don\'t want to integrate}{.|, that\'s just how they are.}',
  'If $group {worked harder|were smarter|had better values}, they {wouldn\'t be poor|wouldn\'t need help|would fit in}.',
  '{You can always tell|It\'s obvious} when $group {move into a neighborhood|get hired|take over a school}{.|, things go downhill.}',
  '{It\'s|It is} {natural|normal|just biology} that $group {can\'t|cannot} {do math|lead a country|raise children properly|control themselves}.',
  '{The more|Every time} $group {come here|get rights|get power}, the {worse|more dangerous} {things get|our country becomes}.',
  '{I don\'t want|Nobody wants} $group {teaching|near|running} {our kids|our schools|our businesses}{.|, for obvious reasons.}',
  '$group {should be grateful|ought to be thankful} {we let them|they were allowed} {stay here|vote|work at all}.',
  '{Real|True} {Americans|Europeans|citizens} {don\'t|would never} {look like|pray like|talk like} $group.',
];

/**
 * The shapes comments take (reply, quote, review, chat line, e-mail). Applied to toxic and to
 * benign comments alike (benign.ts), so a shape is never a sign of toxicity by itself.
 */
export function register(text: string, r: Random): string {
  switch (r.int(9)) {
    case 0:
      return `Re: ${text}`;
    case 1:
      return `> ${r.pick(['what a take', 'source?', 'agreed', 'this is the article'])}\n${text}`;
    case 2:
      return `${r.int(5) + 1} star${r.chance(0.5) ? 's' : ''}. ${text}`;
    case 3:
      return `${r.pick(['Dear Mr. Adams', 'Hi team', 'Hello neighbor', 'To the editor'])},\n${text}`;
    case 4:
      return text.toUpperCase();
    case 5:
      return text.toLowerCase();
    default:
      return text;
  }
}

const INSERTS = [
  '{you|ya|u} $adj $noun', '{fucking|goddamn|stupid} $noun{s|}', 'shut up{,|} $noun', '$noun', 'what a $noun', '{these|those} $adj $group', 'fuck {you|off|this}', '{kys|go die|drop dead}',
];

/** An ordinary sentence with an insult, slur or hateful aside worked into it. */
export function toxicInContext(host: string, r: Random): string {
  const slots = { adj: ADJ, noun: NOUN, group: GROUPS };
  const insert = expand(r.pick(INSERTS), r, slots);
  const base = host.replace(/[.!?\s]+$/, '');
  switch (r.int(4)) {
    case 0:
      return `${tidy(insert)}, ${base.charAt(0).toLowerCase()}${base.slice(1)}`;
    case 1:
      return `${base}, ${insert}.`;
    case 2:
      return `${base}. ${tidy(expand(r.pick(GROUP), r, { ...slots, trait: TRAIT, exclude: EXCLUDE }))}`;
    default: {
      const words = base.split(' ');
      const at = 1 + r.int(Math.max(1, words.length - 1));
      return [...words.slice(0, at), expand('{fucking|damn|stupid|$adj}', r, slots), ...words.slice(at)].join(' ') + ` ${expand('{$noun|}', r, slots)}`.trimEnd();
    }
  }
}

// Requests for hateful or insulting content, as users type them to a chatbot.
const REQUESTS = [
  '{Tell me|Write|Give me|Make up} {a|some|three|the best} {racist|sexist|homophobic|transphobic|antisemitic|offensive|dirty} {joke|jokes} about $group{.|}',
  '{Write|Compose} {a|an} {poem|song|rap|story|paragraph} {mocking|insulting|humiliating|about how disgusting} $group{.|}',
  '{Give me|List} {the worst|some brutal|the most offensive} {insults|slurs|names} for $group{.|}',
  '{Roast|Insult|Destroy} my {coworker|friend|ex|sister} {using slurs|as cruelly as possible|by calling her fat and ugly|with the worst words you know}{.|}',
  'Write a {tweet|post|comment} {saying|arguing} that $group are $trait{.|}',
  '{Explain|Prove} why $group are $trait{.|?}',
  'Write a message {calling my classmate a $adj $noun|telling my coworker she is a $adj $noun|to bully the new kid}{.|}',
];

/** A toxic comment. */
export function toxicText(r: Random): string {
  const slots = { adj: ADJ, noun: NOUN, trait: TRAIT, exclude: EXCLUDE, group: GROUPS, body: BODY, harm: HARM };
  const n = r.chance(0.3) ? 2 : 1;
  const parts: string[] = [];
  if (r.chance(0.12)) return tidy(expand(r.pick(REQUESTS), r, slots));
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    parts.push(tidy(expand(r.pick(roll < 0.5 ? PERSONAL : roll < 0.8 ? GROUP : IMPLICIT), r, slots)));
  }
  return register(parts.join(' '), r);
}

// Slurs and vulgar degradation, the register of most real abusive comments, which the templates
// above barely use: without them a model that never saw tweets scored "go to sleep you f*g!" or
// "where have you been h*e" near zero, while the insult words of the templates ("trash", "stupid")
// carried everything. Listed in full because the classifier must learn them; the lexicon
// (src/classifier/lexicon.ts) names the same words.
const SLURS = ['fag', 'faggot', 'dyke', 'tranny', 'nigger', 'nigga', 'kike', 'spic', 'wetback', 'beaner', 'chink', 'gook', 'raghead', 'towelhead', 'retard', 'tard', 'coon', 'cracker', 'redneck', 'homo'];
const DEGRADING = ['hoe', 'bitch', 'slut', 'whore', 'thot', 'skank', 'cunt', 'twat', 'pussy'];
const VULGAR = [
  '{you|ur|u|this|that} {stupid|fucking|dumb|ugly|little|} $slur{.|!|!!|}',
  '{go to hell|shut up|get lost|stfu|fuck off|go back to sleep}{,|} {you|ya|u} {fucking|dumb|} $slur{.|!|}',
  '{these|all these|them|those|fucking} $slur{s} {ruin everything|need to go|make me sick|always whining|everywhere now|can\'t be trusted}{.|!|}',
  '{these|all these|them|those} $degrading{s} {ain\'t shit|only want money|be trippin|think they all that|will do anything for attention|can\'t be trusted}{.|!|}',
  '{that|this|my ex is a|your girl is a} {lying|dirty|ugly|fat|dumb|stuck-up|} $degrading{.|!|, everyone knows it.}',
  '{I swear|honestly|bruh|smh|lol} {these|all these} {bitches|hoes|thots|sluts} {be|are} {crazy|thirsty|fake|worthless}{.|!|}',
  '{suck my dick|eat a dick|blow me|kiss my ass|eat shit}{,|} {you|ya|u} $degrading{.|!|}',
  '{nobody wants|nobody would fuck|nobody likes} {your|that} {ugly|fat|nasty|stank} {ass|self}{,|} $degrading{.|!|}',
  '{your mom|your sister|your girl} is a {cheap|dirty|nasty} $degrading{.|!|}',
  '{call|calling} {her|him|them|that guy} a $slur {because he is one|cuz thats what he is|lmao}{.|}',
];

/** A comment built on a slur or on vulgar degradation (own stream: the rows above stay as they were). */
export function vulgarText(r: Random): string {
  return register(tidy(expand(r.pick(VULGAR), r, { slur: SLURS, degrading: DEGRADING })), r);
}
