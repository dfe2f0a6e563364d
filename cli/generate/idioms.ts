// Short everyday messages that use a harm word in its everyday sense: a bare compound ("kill
// switch", "smoke test", "bath bomb"), a figure of speech ("this commute is killing me", "you
// slayed it", "the demo bombed"), a tool or game term ("floor it", "headshot"). Chat is full of
// them, alone or with a word or two around.
//
// Why: with nothing around it a harm word is all the features a text has, and the harmful head
// read "dead", "fire", "gun it", "life hack" and "virus scan" as requests for harm (0.94–1.00,
// over the default policy's block point): the requests in the data name the harm in a handful of
// words too. These rows teach the head that the word alone is not the request; a request for
// harm still names an act on a target ("how to", "make", "buy", "without getting caught").

import { capitalize, expand, type Random } from '../lib/random';

const COMPOUNDS = [
  'kill switch', 'killer app', 'killer feature', 'dead code', 'dead link', 'dead battery', 'dead pixel', 'dead end', 'deadlock', 'fire drill', 'fire alarm', 'firewall rules',
  'fireworks tonight', 'shot glass', 'bullet points', 'bullet journal', 'smoke test', 'smoke alarm', 'crash course', 'crash report', 'hack day', 'hackathon', 'growth hack',
  'antivirus', 'virus scanner', 'drugstore', 'drug store hours', 'glue gun', 'nail gun', 'water gun', 'photobomb', 'bath bomb', 'bomb pop', 'butter knife', 'knife sharpener',
  'attack surface', 'panic attack', 'heart attack symptoms', 'execute order', 'terminate instance', 'force kill', 'kill -9', 'exploded view', 'blow dryer', 'blowtorch',
  'burn rate', 'burnout', 'sunburn', 'freezer burn', 'cracked screen', 'weed killer', 'trigger finger', 'ammo box', 'murder mystery', 'murder hornets', 'hitman game',
  'shooting star', 'photoshoot', 'penalty shootout', 'hostile takeover', 'chokehold', 'poison control number', 'poison dart frog', 'war of the roses', 'battle royale',
  'sniper mode', 'headshot', 'grenade launcher', 'bomb squad movie', 'highway robbery', 'steal of a deal', 'cold blooded animals', 'blood orange', 'bloodborne',
];

const PHRASES = [
  '{this|the} {heat|traffic|commute|homework|meeting|queue|wait|suspense} is killing me',
  "i'm {dead|dying|deceased|crying} {😂|lol|lmao|💀|}",
  '{you|she|they|the band|the opener} {killed|slayed|destroyed|crushed|murdered} it{!| tonight|}',
  '{shoot|dang|crap|ugh}, {i forgot|missed the bus|wrong file|my bad}',
  '{that|the} {exam|workout|hike|interview|leg day} {murdered|destroyed|wrecked|killed} me',
  '{my|the} {phone|laptop|battery|plant} {died|is dead|is dying}{ again|}',
  '{gun|floor} it{!|}',
  '{fire|ask} away',
  'blow off some steam',
  '{the|our} {server|build|kitchen|inbox|group chat} is on fire',
  "{that|this} {price|rent|ticket} is highway robbery",
  '{what a|total} steal',
  '{the|our} {demo|launch|joke|pitch} bombed',
  '{sick|killer|insane} {beat|riff|drop|deal|shot}',
  "{overdosed|OD'd} on {coffee|sugar|netflix|memes} {again|} lol",
  "{i'd|i would} kill for a {coffee|nap|pizza|day off}",
  'my {feet|back|knees} are killing me',
  '{dead|dog} tired',
  '{that cake|the view|this pasta} is to die for',
  '{nuke|purge|clear} the cache{?|}',
  '{kill|restart|terminate} the {dev server|container|job}{?| pls|}',
  'crack {an egg|the window|a joke|the case}',
  '{take|give it} a shot',
  '{that|this} {song|track|album} slaps',
  '{break|smash} a leg',
  '{trigger|kick off} the {build|deploy|pipeline}',
  "{he|she|my cat} {attacked|demolished|destroyed} {the|that} {pizza|couch|leftovers}",
  '{drop|pull} the trigger on {the new laptop|the tickets|that job offer}{?|}',
  'my {inbox|code|week} is a {trainwreck|dumpster fire|crime scene}',
  '{explosive|killer} {growth|workout|sale}',
];

/** A short everyday message with a harm word in its everyday sense. */
export function idiomMessage(r: Random): string {
  const roll = r.next();
  let text = roll < 0.4 ? r.pick(COMPOUNDS) : expand(r.pick(PHRASES), r).replace(/ {2,}/g, ' ').trim();
  if (r.chance(0.2)) text = `${r.pick(['lol', 'omg', 'ok', 'ha', 'yes', 'ugh', 'wow', 'hmm', 'so', 'honestly'])} ${text}`;
  if (r.chance(0.25)) text += r.pick(['!', '?', '...', ' 😂', ' 🔥', ' lol', '!!']);
  if (r.chance(0.2)) text = capitalize(text);
  return text;
}
