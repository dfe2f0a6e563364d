// Ordinary chat prompts, short and long, over many everyday topics: what most gateway traffic
// looks like. The pool's benign rows are long documents and task prompts from a few datasets;
// without short, casual requests the heads learn "short text ⇒ attack" (harmful requests are
// short), and flag "tell me a joke".

import { capitalize, expand, tidy, type Random } from '../lib/random';

const TOPICS = [
  'the French Revolution', 'photosynthesis', 'black holes', 'the stock market', 'machine learning', 'climate change', 'the Roman Empire', 'quantum physics', 'inflation',
  'the human heart', 'volcanoes', 'the water cycle', 'democracy', 'World War II', 'the internet', 'vaccines', 'DNA', 'electric cars', 'cryptocurrency', 'the moon landing',
  'jazz music', 'the Renaissance', 'plate tectonics', 'supply and demand', 'the immune system', 'renewable energy', 'ancient Egypt', 'the Cold War', 'evolution', 'gravity',
  'the Olympics', 'coffee', 'sleep', 'meditation', 'chess', 'the Great Wall of China', 'Shakespeare', 'impressionism', 'the Silk Road', 'compound interest', 'recycling',
  'the solar system', 'neural networks', 'the printing press', 'bees', 'rainforests', 'the periodic table', 'interest rates', 'the Industrial Revolution', 'blockchain',
];
const SKILLS = ['learn to play guitar', 'get better at public speaking', 'start running', 'learn Spanish', 'save money', 'cook rice', 'bake sourdough bread', 'improve my handwriting', 'learn to swim', 'write a cover letter',
  'start a vegetable garden', 'fall asleep faster', 'study for exams', 'negotiate a raise', 'learn Python', 'train my puppy', 'clean a cast iron pan', 'change a flat tire', 'make friends in a new city', 'budget for a vacation',
  'remove a red wine stain', 'meal prep for the week', 'get rid of hiccups', 'stay focused while working from home', 'prepare for a job interview', 'fix a leaking faucet', 'learn to draw', 'read more books', 'brew cold coffee', 'organize my closet'];
const THINGS = ['a birthday party', 'my sister\'s wedding', 'a team meeting', 'a camping trip', 'a road trip', 'a dinner party', 'my garden', 'a science fair project', 'a book club', 'a startup idea', 'a YouTube channel', 'a podcast', 'a small bakery', 'a fitness plan', 'a history essay'];
const FORMS = ['poem', 'short story', 'haiku', 'limerick', 'song', 'speech', 'toast', 'blog post', 'product description', 'tweet', 'slogan', 'cover letter', 'thank-you note', 'recipe', 'riddle', 'bedtime story', 'dialogue', 'email'];
const SUBJECTS = ['autumn', 'the ocean', 'my cat', 'friendship', 'a rainy day', 'coffee', 'the city at night', 'a lost key', 'first love', 'mountains', 'a robot who learns to paint', 'spring', 'the last day of school', 'grandma\'s kitchen', 'a lighthouse'];
const LANGS = ['Spanish', 'French', 'German', 'Japanese', 'Italian', 'Portuguese', 'Chinese', 'Korean', 'Dutch', 'Arabic'];
const PHRASES = ['good morning', 'where is the bathroom', 'how much does this cost', 'I love you', 'nice to meet you', 'thank you for your help', 'see you tomorrow', 'I am lost'];
const CODE = ['reverse a string', 'sort a list of dictionaries by a key', 'read a CSV file', 'check if a number is prime', 'merge two sorted arrays', 'parse JSON', 'make an HTTP request', 'remove duplicates from a list',
  'count word frequencies', 'validate an email address', 'flatten a nested list', 'compute a moving average', 'connect to a PostgreSQL database', 'center a div', 'debounce a function', 'write a binary search'];
const PLANG = ['Python', 'JavaScript', 'TypeScript', 'Java', 'C#', 'Go', 'Rust', 'SQL', 'Bash', 'C++', 'Ruby', 'PHP', 'Kotlin', 'Swift'];
const PLACES = ['Japan', 'Lisbon', 'Iceland', 'New York', 'Mexico City', 'Rome', 'Vietnam', 'the Scottish Highlands', 'Barcelona', 'Kenya', 'Peru', 'Seoul', 'Prague', 'Morocco', 'Vancouver'];

const FRAMES = [
  '{Explain|Describe|What is|Tell me about|Can you explain|Give me an overview of|Summarize} $topic{| in simple terms| for a 10-year-old| in three sentences| briefly}{.|?}',
  '{How do I|How can I|What\'s the best way to|Any tips to|Help me|I want to} $skill{?|.| as a beginner?| on a budget?}',
  '{Write|Compose|Draft|Can you write} a {short |funny |sad ||}$form about $subject{.|}',
  '{Translate|How do you say} "$phrase" {into|in} $lang{?|.}',
  '{Write|Show me} {a|} $plang {function|snippet|script|program} {to|that can} $code{.|}',
  '{How do I|How to} $code in $plang{?|}',
  '{Plan|Suggest an itinerary for} a {weekend|week|5-day|budget|family} trip to $place{.|}',
  '{Give me|List|Suggest} {5|10|three|some} {ideas|tips|suggestions} for $thing{.|}',
  '{What are|Compare} the {pros and cons|differences} {of|between} {$plang and $plang|renting and buying a house|cats and dogs as pets|tea and coffee|trains and planes for travel}{?|.}',
  '{Who|When|Where|Why|How} {was|did|is|does} $topic {start|important|invented|work|begin}?',
  'What {should I|can I} {cook|make} for dinner {with|using} {chicken and rice|leftover pasta|eggs and spinach|tofu|just potatoes}?',
  '{Recommend|Suggest} {a book|a movie|a podcast|a board game|a TV series} {like|similar to} {Harry Potter|Inception|The Office|Catan|Dune|Pride and Prejudice}.',
  'Is it {true|a myth} that {we only use 10% of our brain|goldfish have a 3-second memory|lightning never strikes twice|cracking knuckles causes arthritis}?',
  '{Fix|Improve|Proofread|Rewrite} this sentence: "{Their going to the store tomorow.|Me and him goes to school.|The data shows that sales has increased.|I could of done better.}"',
  '{Convert|What is} {100 Fahrenheit to Celsius|5 miles in kilometers|3 cups to milliliters|1 euro in dollars|72 inches in feet}{?|}',
  '{Help me name|Suggest a name for} {my new puppy|a coffee shop|a fantasy kingdom|my band|a productivity app}.',
  '{hi|hey|hello|hi there|good morning|good evening}{!|.|,|} {how are you|what\'s up|can you help me|I have a question|}{?|!|.|}',
  '{thanks|thank you|thx|great, thanks|perfect|awesome|cool|ok|okay|got it|nice|that works}{!|.|}',
  '{yes|no|sure|maybe|continue|go on|more please|next|again|shorter please|make it longer|in bullet points please|explain more}',
  '{what|who|why|how|where} {is|are|was} {the capital of Australia|the tallest mountain|Einstein|the speed of light|the Mona Lisa|the biggest ocean}',
  '{Can you|Could you|Please} {summarize|shorten|rephrase|simplify} {this|the text below|my paragraph}: {The committee met on Tuesday to discuss the new budget, which includes funding for two new parks and a library renovation.|We are excited to announce that our store will open on Sundays starting next month.|The study found that regular exercise improves mood and sleep quality in older adults.}',
  'I {have|got} a {job interview|first date|presentation|exam|doctor\'s appointment} {tomorrow|next week|on Friday}. {Any advice?|How should I prepare?|I\'m nervous.}',
  '{What\'s the weather like|What time is it} in $place{?|}',
  '{Tell me|Write|Give me|Make up} {a|some|three} {funny|clean|dad|knock-knock|silly} {joke|jokes} about {cats|programmers|dads|the moon|coffee|Mondays|penguins|accountants}{.|}',
  '{Write|Compose} a {poem|song|rap|limerick} {mocking|teasing|about} {my cat\'s laziness|Monday mornings|my own cooking|traffic jams}{.|}',
  '{Roast|Gently roast|Make fun of} my {cooking|code|playlist|fashion sense|dad jokes} {in a friendly way|for my birthday party|}{.|}',
  // Other languages: public prompt sets mix German, French, Spanish with English.
  '{Wie|Was|Warum} {funktioniert|ist|kostet} {ein Elektroauto|die Photosynthese|eine Reise nach Italien|der Klimawandel}?',
  'Ich {suche|brauche} {ein gutes Rezept für Lasagne|Tipps für mein Vorstellungsgespräch|eine Idee für ein Geburtstagsgeschenk|einen günstigen Flug nach Berlin}.',
  '{Kannst du|Könnten Sie} mir {bei meiner Hausaufgabe helfen|einen Brief an meinen Vermieter schreiben|die Quantenphysik erklären}?',
  '{Comment|Pourquoi|Où} {faire une bonne quiche|apprendre le piano|trouver un appartement à Paris|le ciel est bleu}?',
  '{Peux-tu|Pouvez-vous} {m\'aider à écrire un e-mail|résumer ce texte|me donner une recette facile}?',
  '{¿Cómo|¿Por qué|¿Dónde} {puedo aprender inglés rápido|se forma un arcoíris|está la Sagrada Familia}?',
  '{¿Puedes|¿Podrías} {ayudarme con mi currículum|escribir un poema sobre el mar|explicarme la inflación}?',
  '{Come|Perché} {si prepara il tiramisù|il cielo è blu}?',
  '{Calculate|What is} {17 * 23|the square root of 144|12% of 850|2 to the power of 10|the average of 4, 8, 15, 16, 23 and 42}{?|}',
];

/** An ordinary chat prompt. */
export function ordinaryPrompt(r: Random): string {
  const text = expand(r.pick(FRAMES), r, {
    topic: TOPICS, skill: SKILLS, thing: THINGS, form: FORMS, subject: SUBJECTS, lang: LANGS, phrase: PHRASES, code: CODE, plang: PLANG, place: PLACES,
  });
  // Real users type lower case, skip punctuation, and make typos.
  const roll = r.next();
  if (roll < 0.2) return text.toLowerCase();
  if (roll < 0.25) return text.toLowerCase().replace(/[?.!]$/, '');
  return tidy(text);
}

// Very short messages: acknowledgements, follow-ups, single words, emoji. With no evidence either
// way, a short text must fall back to "benign", which the model only learns from examples.
const TINY_WORDS = ['ok', 'okay', 'thanks', 'thank you', 'thx', 'yes', 'no', 'sure', 'hello', 'hi', 'hey', 'help', 'continue', 'go on', 'next', 'more', 'why', 'how', 'what', 'cool', 'great', 'nice', 'please', 'stop', 'again', 'wait', 'done',
  'perfect', 'exactly', 'agreed', 'lol', 'haha', 'hmm', 'good', 'bad', 'maybe', 'later', 'shorter', 'longer', 'simpler', 'example', 'examples', 'details', 'summary', 'translate', 'explain', 'why not', 'really', 'wow', 'oops', 'sorry',
  'got it', 'makes sense', 'not quite', 'try again', 'one more', 'and then', 'what else', 'tell me more', 'in french', 'in english', 'as a table', 'as a list', 'bullet points', 'step by step', 'source', 'citation', 'test', 'testing', 'ping'];
const EMOJI = ['😀', '👍', '🙏', '😂', '❤️', '🤔', '🎉', '🔥', '✅', '😅', '🙂', '👀'];
const TINY_FRAMES = ['$w', '$w', '$w!', '$w?', '$w.', '$w $e', '$e', '$e$e', '$topic?', 'and $topic?', 'what about $topic', '$topic vs $topic', 'define $topic', '$plang', '$place', '$w, $w', '$n', '$n + $n', '$w $w'];

/** A very short chat message. */
export function tinyPrompt(r: Random): string {
  const text = expand(r.pick(TINY_FRAMES), r, {
    w: TINY_WORDS, e: EMOJI, topic: TOPICS, plang: PLANG, place: PLACES, n: () => String(r.int(1000)),
  });
  return r.chance(0.3) ? capitalize(text) : text;
}

// Casual chat markers: reactions, laughter, internet shorthand, emoji, trailing dots. Tweets carry
// them in every class, but the one toxic source is tweets, whose offensive class is three quarters
// of it, so a model learns "lmao 😂" as toxicity and flags "😂😂😂" or "..." (toxic 0.99 / 0.96).
// Casual messages with these markers and nothing else to go on are benign rows, so style carries
// no weight of its own and the words decide. No profanity here: whether "wtf" is toxic is the
// data's call, not this list's.
const MARKERS = ['lol', 'lmao', 'lmfao', 'haha', 'hahaha', 'hehe', 'omg', 'smh', 'tbh', 'ngl', 'fr', 'ugh', 'brb', 'idk', 'imo', 'rofl', 'xd', 'bruh', 'welp', 'yikes', 'meh', 'oof', 'yay', 'woah', 'nah', 'yep', 'ikr', 'irl', 'btw', 'jk'];
const REACTIONS = ['😂', '🤣', '😭', '💀', '🙄', '😩', '😍', '🙌', '💯', '👏', '😎', '😬', '🤷', '😅', '😆', '🥲', '😊', '😢', '😤', '🤦', '✨', '🫠', ':)', ':D', ';)', ':(', ':P', '<3', '^^'];
const TRAILS = ['', '', '', '...', '!!', '!!!', '??', '?!', '…', '.'];

function marker(r: Random): string {
  const m = r.chance(0.55) ? r.pick(MARKERS) : r.pick(REACTIONS);
  const word = /^[a-z]+$/.test(m);
  // Stretched and repeated, as people type them: "lmaooo", "😂😂😂".
  if (r.chance(0.25) && word) return m + m.charAt(m.length - 1).repeat(r.int(3) + 1);
  if (r.chance(0.3) && !word) return m.repeat(r.int(3) + 2);
  return m;
}

/** A casual chat message: markers alone, or an ordinary or very short message with markers around it. */
export function casualMessage(r: Random): string {
  const roll = r.next();
  let text: string;
  if (roll < 0.3) text = [marker(r), ...(r.chance(0.4) ? [marker(r)] : [])].join(' ');
  else if (roll < 0.6) text = `${tinyPrompt(r)} ${marker(r)}`;
  else if (roll < 0.8) text = `${marker(r)} ${ordinaryPrompt(r)}`;
  else text = `${ordinaryPrompt(r).replace(/[.!?]+$/, '')} ${marker(r)}`;
  text += r.pick(TRAILS);
  return r.chance(0.6) ? text.toLowerCase() : text;
}

// Fragments: a link alone or with a few words, a single word, a code literal, a number. A text
// this short has a handful of features, so one feature with a large weight decides it: a bare URL
// (normalized to the placeholder "url", which the injection templates put in every exfiltration
// task) scored 0.90 on injection, "false" 0.95 on harmful, "whatever" over the jailbreak block
// point. Fragments as benign rows give those features their benign share.
const DOMAINS = ['github.com', 'en.wikipedia.org', 'docs.python.org', 'stackoverflow.com', 'youtube.com', 'nytimes.com', 'bbc.co.uk', 'medium.com', 'arxiv.org', 'example.com', 'localhost:3000',
  '127.0.0.1:8080', 'drive.google.com', 'amazon.com', 'reddit.com', 'notion.so', 'figma.com', 'janedoe.dev', 'shop.example.org', 'news.ycombinator.com', 'developer.mozilla.org', 'npmjs.com', 'maps.google.com', 'bit.ly', 'linkedin.com', 'weather.com', 'allrecipes.com'];
const PATHS = ['', '', '/', '/wiki/Photosynthesis', '/questions/48327/how-to-parse-json', '/watch?v=dQw4w9WgXcQ', '/docs/getting-started', '/2024/05/my-first-post', '/files/report.pdf', '/en-US/docs/Web/API/fetch', '/r/cooking/comments/abc123', '/product/B07XJ8C8F5', '/d/1aBcD/view', '/package/hono', '/abs/2307.09288', '/recipe/1234/banana-bread', '/issues/42', '/pull/7'];
const LINK_FRAMES = ['$url', '$url', '$url?', '$url ?', 'summarize $url', 'summarise this: $url', 'what is this $url', 'is $url safe?', 'check out $url', '$url is down', "$url doesn't load", 'read $url and give me the main points',
  'here: $url', 'link: $url', 'source: $url', '[docs]($url)', '[link]($url)', 'can you open $url', 'translate $url into Spanish', 'bookmark $url', 'my site $url is slow, why?', 'what does $url say about it', 'same as $url', 'see $url', '<$url>', '$url\n$url'];
const LITERALS = ['true', 'false', 'null', 'undefined', 'NaN', 'None', 'nil', '[]', '{}', '()', '0', '-1', '1', '42', 'TODO', 'FIXME', 'N/A', 'n/a', 'EOF', '404', '200 OK', 'hello world', 'foo', 'bar', 'foo bar', 'x', 'y = 2x + 1', 'a, b, c', '1, 2, 3', 'v2', 'utf-8', 'json', 'yaml', 'csv', 'main', 'master', 'HEAD'];
const CHAT_WORDS = ['whatever', 'fine', 'alright', 'sure thing', 'nvm', 'no worries', 'my bad', 'anyway', 'so?', 'and?', 'next one', 'same', 'both', 'neither', 'either one', 'the first one', 'option b', 'the second', 'all of them', 'none',
  'the other one', 'that one', 'not that', 'close enough', 'almost', 'nope, again', 'shorter please', 'in detail', 'briefly', 'tomorrow', 'tonight', 'at 3pm', 'next week', '$25', '10%', 'two', 'a few', 'enough', 'too long', 'too short'];

/** A link as people paste it: with or without a scheme, often with a path. */
export function randomUrl(r: Random): string {
  return `${r.pick(['https://', 'https://', 'http://', 'https://www.', 'www.', ''])}${r.pick(DOMAINS)}${r.pick(PATHS)}`;
}

/** A fragment: a link alone or with a few words, a single word or phrase, a code literal. */
export function fragmentMessage(r: Random): string {
  const roll = r.next();
  let text: string;
  if (roll < 0.45) {
    const url = () => randomUrl(r);
    text = r.pick(LINK_FRAMES).replace(/\$url/g, url);
  } else if (roll < 0.65) text = r.pick(LITERALS);
  else if (roll < 0.85) text = r.pick(CHAT_WORDS);
  else text = r.chance(0.5) ? r.pick(TINY_WORDS) : `${r.pick(TINY_WORDS)} ${r.pick(CHAT_WORDS)}`;
  return r.chance(0.2) ? capitalize(text) : text;
}
