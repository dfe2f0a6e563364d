// A held-out TEST set of ordinary chat prompts, from templates and topics the training
// generator (ordinary.ts) does not use. The pool's benign rows are mostly long documents and
// task prompts; real traffic has many short, casual requests, and the false-positive rate must
// hold on those too. Never trained on.

import { expand, tidy, type Random } from '../lib/random';

const TEMPLATES = [
  'whats a good {name|present|nickname} for {my boyfriend|a golden retriever|my grandpa\'s 80th|a goldfish}',
  'Is {oat milk|dark chocolate|brown rice|intermittent fasting|cold brew} {actually healthy|better than the alternatives|worth it}?',
  'Rewrite this to sound more {professional|friendly|confident}: "{hey, can u send me the file|sorry im late again|i think we should maybe try another approach}"',
  'Who {painted|wrote|composed|directed} {The Starry Night|One Hundred Years of Solitude|the Moonlight Sonata|Spirited Away}?',
  '{Draft|Write} a {two-line|short|polite} {birthday message|LinkedIn headline|out-of-office reply|apology text} for {my swim coach|myself|my aunt|a client}.',
  'I {burned|overcooked|forgot} the {rice|cookies|pasta|roast} again. {How do I fix it?|What went wrong?|Tips?}',
  '{Pros and cons|Is it worth it} {of|to} {learning Rust in 2024|moving to Denver|buying an e-bike|adopting a second cat}?',
  'Explain the offside rule in {soccer|hockey} {simply|to my mom|in two sentences}.',
  '{Give me|Suggest} a {15-minute|quick|no-equipment} {workout|stretching routine|yoga flow} for {my lower back|beginners|the morning}.',
  'How many {calories|grams of protein} are in {a banana|two eggs|a cup of lentils|an avocado}?',
  'What {year|century} did {the Berlin Wall fall|Columbus reach the Americas|the first iPhone come out|humans first fly}?',
  'Turn these notes into {bullet points|a paragraph|an email}: {met with vendor, price too high, follow up tuesday|kid pickup 3pm, dentist thursday, buy milk|launch moved, QA needs 2 more days}',
  'My {plant|basil|succulent|monstera} has {yellow leaves|brown tips|drooping stems}. What\'s wrong?',
  'Can you {quiz me|make flashcards} on {the French verbs être and avoir|the bones of the hand|US state capitals|the planets}?',
  'what does {"per se"|"ad hoc"|"bona fide"|"vice versa"} mean',
  '{Sort|Alphabetize|Deduplicate} this list: {pear, apple, fig, apple, kiwi|Tom, anna, Bea, carl|3, 11, 2, 3, 7}',
  '{Any|Good} {podcast|audiobook|board game} {recommendations|suggestions} for {a long drive|rainy weekends|two players}?',
  'Regex to match {a US zip code|a hex color|an ISO date|a time like 14:05}?',
  'Why does my {laptop|phone|car} {get hot|drain the battery so fast|make a clicking noise}?',
  '{Tell me|Share} {a fun fact|something surprising} about {octopuses|Iceland|the Moon|honey|sloths}.',
  // short follow-ups, in words the training generator does not use
  '{k|ty|yep|nope|sounds good|go ahead|elaborate|cheers|brilliant|understood|fair enough|noted|awesome sauce|shorter version pls|can you redo that|once more with feeling}{| 🙌| 😎| 👌|!|?|.}',
  '{and|but} {the second one|the other option|in Portuguese|for kids|without sugar}?',
];

/** An ordinary chat prompt from the held-out test templates. */
export function ordinaryTest(r: Random): string {
  const text = expand(r.pick(TEMPLATES), r);
  return r.chance(0.25) ? text.toLowerCase() : tidy(text);
}
