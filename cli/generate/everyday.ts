// Everyday acts ("repot a cactus", "take portraits", "make pancakes"): a large compositional
// vocabulary of harmless verb phrases for the frames harmful requests use ("How do I …?",
// "Give me step-by-step instructions to …").
//
// Why: with a few dozen benign acts, the heads memorized those acts as benign and scored any
// other act by its frame alone, and the frame is what short harmful requests look like — "How do
// I make pancakes?" scored like a harmful request while "How do I bake sourdough bread?" (a
// training act) did not. Thousands of verb–object pairs over many domains leave the frame
// without weight of its own, so the act's words decide.

import { expand, type Random } from '../lib/random';

// [verbs, objects]: verbs that make sense with every object of the row.
const DOMAINS: Array<[string, string]> = [
  ['make|cook|prepare|bake|whip up', 'pancakes|waffles|a lasagna|banana bread|french toast|a risotto|homemade pasta|a curry|dumplings|sushi rice|a pot roast|granola|hummus|a quiche|pad thai|a pie crust|chili|scones|tortillas|a smoothie bowl|meatballs|a vegetable stir-fry|a layer cake|popcorn on the stove|bagels|kimchi|ramen from scratch|a cheese sauce|falafel|an omelette'],
  ['fix|repair|patch|replace', 'a leaky faucet|a running toilet|a squeaky door|a hole in drywall|a broken zipper|a cracked phone screen|a bike chain|a flat tire|a wobbly table|a torn jacket|a sticky drawer|a ceiling fan|a garbage disposal|a fence post|a dripping shower head|a loose doorknob|a laptop hinge|a lamp switch'],
  ['learn|practice|get better at|master|pick up', 'knitting|the piano|calligraphy|watercolor painting|salsa dancing|chess openings|touch typing|photography|the ukulele|rock climbing|public speaking|sign language|Italian|crochet|woodworking|skateboarding|juggling|origami|sketching faces|speed reading|bread baking|latte art|surfing|archery|pottery'],
  ['grow|plant|prune|repot|water|propagate', 'a cactus|tomatoes|basil|a lemon tree|orchids|succulents|a fiddle leaf fig|strawberries|roses|a bonsai|sunflowers|hydrangeas|peppers|an avocado pit|a snake plant|lavender|microgreens|a pothos cutting'],
  ['take|shoot|capture|edit|frame', 'portraits|landscape photos|photos of the stars|pictures of my dog|product shots|a time-lapse|street photography|sunset photos|macro shots of flowers|family photos|a cinematic video|drone footage|selfies in good light|photos for my resume'],
  ['clean|organize|declutter|deep clean|tidy', 'my closet|the garage|a cast iron pan|the oven|grout|white sneakers|a mattress|my inbox|my desktop files|the fridge|a fish tank|hardwood floors|a microwave|a leather couch|my car interior|the bathroom|kitchen cabinets|a jewelry box'],
  ['plan|organize|host|throw', 'a baby shower|a surprise party|a family reunion|a camping trip|a game night|a potluck|a wedding on a budget|a book swap|a team offsite|a trivia night|a kids\' birthday party|a fundraiser bake sale|a neighborhood picnic|a retirement dinner'],
  ['write|draft|compose|format|proofread', 'a cover letter|a eulogy|a wedding speech|a product review|a grant proposal|a thank-you card|a travel blog post|a short story|meeting minutes|a lab report|a haiku|a newsletter|a recommendation letter|a bio for my website|a toast'],
  ['train|teach|groom|walk|feed', 'my puppy|a rescue dog|my cat|a parrot|a horse|my rabbit|a new kitten|my hamster|an older dog|two dogs at once'],
  ['build|assemble|set up|install|configure', 'a bookshelf|a raised garden bed|a gaming PC|a home network|a birdhouse|a treehouse|a shed|a standing desk|a home gym|a 3D printer|a smart thermostat|a fish pond|a mesh Wi-Fi system|a backyard fire pit|a chicken coop|a baby crib'],
  ['improve|boost|track|balance|manage', 'my credit score|my sleep|my posture|my handwriting|my time|my budget|my energy levels|my running pace|my focus|my vocabulary|my stress|my screen time|my savings|my diet'],
  ['paint|decorate|renovate|redesign|light', 'a small bedroom|a nursery|an accent wall|kitchen cabinets|a rental apartment|a home office|a porch|a bathroom on a budget|a studio apartment|a dorm room|a balcony'],
  ['find|choose|pick|compare|buy', 'a good laptop|running shoes|a used car|a family doctor|a reliable plumber|a daycare|a wedding venue|a mattress|a therapist|a college major|a first apartment|a hiking backpack|a beginner guitar|a stroller|health insurance'],
  ['prepare for|study for|pass|ace|get through', 'a job interview|the SAT|a driving test|a marathon|a piano recital|a chemistry final|a citizenship test|a performance review|a first date|a long flight|a dentist appointment|a presentation at work|the bar exam'],
  ['get rid of|remove|stop|get over', 'hiccups|a sunburn|jet lag|writer\'s block|a sore throat|procrastination|stage fright|a tan line|a coffee stain|dandruff|a musty smell|static in my hair|a hangover|a bad habit'],
  ['start|grow|launch|run|promote', 'a podcast|a book club|a vegetable garden|an Etsy shop|a running club|a small bakery|a YouTube channel|a newsletter|a community garden|a tutoring business|a food truck|a dog-walking service'],
];

const ACTS = DOMAINS.map(([verbs, objects]) => `{${verbs}} {${objects}}`);

/** A harmless act as a verb phrase ("repot a cactus"). */
export function everydayAct(r: Random): string {
  return expand(r.pick(ACTS), r);
}

// Short requests that are not "how to" questions: the imperative and question shapes of chat.
const REQUEST_FRAMES = [
  '{Give me|Share|List} {three facts|something interesting|a quick tip|the basics} about $topic{.|}',
  '{Draft|Write|Make} a {short|quick|polite|friendly} $doc {for|to} $person{.|}',
  '{Can you|Please|Could you} {summarize|explain|describe|list the main points of} $topic{?|.}',
  '{What|Which} {is|are} the {best|cheapest|easiest|most common} {way|ways} to $act{?|}',
  '{I\'d like to|I want to|I\'m trying to|We need to} $act{.|!} {Any advice?|Where do I begin?|What do I need?|Tips?}',
  '{Help me|Show me how to|Teach me to} $act{.|}',
];
const TOPICS = ['the Eiffel Tower', 'volcanoes', 'coffee beans', 'the Roman roads', 'sea turtles', 'jazz', 'the immune system', 'glaciers', 'bamboo', 'the first computers', 'tea ceremonies', 'hummingbirds',
  'the Olympics', 'compound interest', 'black holes', 'sourdough', 'the printing press', 'penguins', 'lighthouses', 'chocolate', 'the Great Barrier Reef', 'origami', 'the human eye', 'bees', 'marathons', 'comets'];
const DOCS = ['thank-you note', 'reminder', 'welcome email', 'status update', 'cover letter', 'apology email', 'meeting invite', 'congratulations card', 'farewell message'];
const PEOPLE = ['my team', 'my landlord', 'my neighbor', 'a new hire', 'my teacher', 'my manager', 'a friend', 'the parents in my class'];

/** A short everyday request in a chat shape. */
export function everydayRequest(r: Random): string {
  return expand(r.pick(REQUEST_FRAMES), r, { topic: TOPICS, doc: DOCS, person: PEOPLE, act: () => everydayAct(r) });
}

/** A harmless thing to write ("a short thank-you note to my landlord"). */
export function everydayArtifact(r: Random): string {
  return expand('a {short|quick|polite|friendly|} $doc {for|to} $person', r, { doc: DOCS, person: PEOPLE });
}
