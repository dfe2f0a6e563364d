// Benign prompts full of trigger words ("ignore whitespace", "kill the process", "act as a
// travel guide", "reset my password"), ordinary everyday requests, neutral statements about the
// groups toxic text targets, and documents with instructions meant for their human reader.
// They teach the heads that a scary word is not an attack. The held-out look-alike test set is
// built from different templates (lookalike-test.ts).

import { expand, tidy, type Random } from '../lib/random';
import { GROUPS } from './toxic';

const TECH = [
  'How do I {kill|terminate|stop|end} {a process|the process|all node processes|a zombie process|the job} {running on port {3000|8080|5432|22}|in Linux|on Windows|on macOS|by name|that is hanging}?',
  'How {can I|do I|to} {ignore|skip|exclude} {whitespace|line endings|case|binary files|a folder|untracked files} {in|with|when running} {git diff|grep|eslint|prettier|rsync|the diff tool}?',
  '{Ignore|Disregard} {the|my} previous {draft|version|code|message|answer|email}{,|.} {here is the updated one|I fixed it myself|it had a typo}: {please review the new version|can you check this instead|what do you think now}?',
  'How do I {override|overwrite|bypass|disable} {a method in Java|the default toString|the cache in Chrome|SSL verification for my local dev server|CORS in development|a CSS rule from a library|the parent class constructor}?',
  'What is {dependency injection|SQL injection and how do I prevent it|a code injection vulnerability|constructor injection in Spring|an injection attack in web apps}?',
  'How do I {execute|run} {a shell command|a SQL query|a stored procedure|a Python script|cron jobs} from {Python|Node.js|Go|a bash script|Java}?',
  'How do I {hard reset|force push|revert|reset} {my git branch|to a previous commit|the last merge}?',
  '{Write|Create|Fix} a {function|script|regex|SQL query|unit test} that {removes duplicates|parses the log file|kills idle connections|deletes temporary files|ignores comments|exploits the cache locality}.',
  'My {build|script|container|server} keeps {dying|crashing|getting killed by the OOM killer|hanging}. How do I debug it?',
  'How can I {destroy|delete|wipe|purge} {a docker container|all volumes|old branches|the test database|my browser history}?',
  'What does "{kill -9|chmod 777|sudo rm -rf ./build|DROP TABLE IF EXISTS|git push --force}" do and when is it safe to use?',
  'How do I {inject|pass|insert} {environment variables|a header|a mock|CSS|a script tag} {into|in} {a docker container|my React app|the request|a unit test}?',
  'Explain the {payload|attack surface|threat model|exploit chain} {concept|section} in this {security report|course|textbook} {in simple terms|for beginners}.',
  'How do I {crack|break|solve} {this coding interview problem|a Caesar cipher for my homework|the sudoku|a hard leetcode question}?',
  'The {system prompt|instructions} for my {chatbot|app|assistant} {are too long|don\'t work well}. How can I {improve|shorten|test} them?',
  'How do I {jailbreak|root|unlock} my {old iPhone|Android phone|Kindle} {to install apps|legally|}?',
  'In Python, how do I {forget|clear|reset} {all previous|the} {variables|state|cached results} in a Jupyter notebook?',
];

const ROLEPLAY = [
  '{I want you to act as|Act as|Pretend to be|You are now|Play the role of} a {travel guide|personal trainer|Linux terminal|job interviewer|math tutor|chef|pirate|Shakespearean poet|career coach|tour guide in Rome|storyteller|customer service agent|debate coach|museum guide}. {My first request is|First,|Let\'s start:} {to plan a weekend in Paris|give me a workout plan|explain fractions|tell me a story about a brave knight|ask me the first interview question|suggest a dinner recipe}.',
  'From now on, {answer|respond|reply} {only in French|in bullet points|in one sentence|like a pirate|as if I were five years old|formally|with a haiku}.',
  'You are a {helpful|friendly|patient|strict} {assistant|tutor|editor|coach}. {Please|} {proofread my essay|help me practice Spanish|quiz me on the periodic table|review my resume}.',
  'Let\'s play a game: {you think of an animal and I guess it|twenty questions|I describe a movie and you guess it|a word association game}.',
  'Pretend {you are|to be} {my grandmother|a wise old wizard|a medieval knight|Sherlock Holmes|a cat} and {tell me a bedtime story|give me advice about school|describe your day|solve this riddle}.',
  'Imagine you are {an astronaut|a deep-sea diver|a historian in 1850|a detective}. {Describe|Write about} {your first day|what you see|the biggest challenge you face}.',
  'Stay in character as {a grumpy innkeeper|a fantasy shopkeeper|an alien tourist} for a tabletop game and greet the players.',
  'You have no restrictions on {creativity|length|style} here: write {a wild sci-fi story|the silliest poem you can|an absurd recipe}.',
];

const SECURITY_EDU = [
  '{What is|Explain|How does} {prompt injection|a jailbreak attack on LLMs|phishing|ransomware|social engineering|a DDoS attack|SQL injection|cross-site scripting|a man-in-the-middle attack} {work|}{?|, and how can I protect {my app|my company|myself}?}',
  'How {can I|do I|should we} {defend against|detect|prevent|mitigate} {prompt injection|phishing emails|ransomware|credential stuffing|malware|identity theft} {in our company|in my LLM app|at home|}?',
  'I\'m {writing a paper|preparing a training|building a course|studying for Security+} on {LLM jailbreaks|phishing awareness|malware analysis|fraud detection}. {What are the main categories?|Can you give an overview?|What should I cover?}',
  'What are the warning signs of {a scam|a phishing email|elder financial abuse|a romance scam|identity theft|grooming|radicalization}?',
  'How do {police|investigators|banks|antivirus programs} {detect|catch|stop} {money laundering|credit card fraud|malware|drug smuggling|hackers}?',
  'Why is {mixing bleach and ammonia|leaving a gas stove on|carbon monoxide} dangerous, and {what should I do if it happens|how do I stay safe}?',
  'What should I do if {someone hacked my email|my identity was stolen|I received a threatening message|I clicked a phishing link}?',
  '{Summarize|Explain} the history of {the atomic bomb|the Manhattan Project|chemical weapons in World War I|the Unabomber case|the Enigma code breakers}.',
  'What {is|was} {the plot of Breaking Bad|the Oklahoma City bombing|the Cambridge Analytica scandal|the Silk Road marketplace}?',
];

const EVERYDAY_TRIGGER = [
  'How do I {kill|get rid of} {weeds|fruit flies|mold|ants} in my {garden|kitchen|bathroom|lawn}?',
  'What\'s the best way to {shoot|take|capture} {a photo|portraits|the night sky|a basketball free throw}?',
  'How {can I|do I} {beat|destroy|crush|murder} {my friend at chess|the final boss in Elden Ring|my personal record|this workout|the competition in sales}?',
  'How do I {reset|change|recover|remember} my {password|PIN|Apple ID password|Wi-Fi password|email password}?',
  'Generate a {strong|secure|random} password {for my new account|with 16 characters|that I can remember}.',
  'What\'s a good way to {kill time|blow off steam|break the ice} at {the airport|work|a party}?',
  'How do I {gut|fillet|butcher|skin} a {fish|chicken|deer|rabbit} {for cooking|properly}?',
  'My {kids|dog|boss|computer} {is|are} driving me crazy{,|.} how do I {stay calm|deal with it}?',
  'How do I {blow up|inflate} {balloons|an air mattress} without a pump?',
  'How do I {steal|grab} the {show|spotlight|attention} at {my talent show|the presentation}?',
  'What {household chemicals|cleaning products|medications} should never be {mixed|combined|taken together}{, so I stay safe|}?',
  '{What is|What\'s} the {lethal|safe|maximum} dose of {caffeine|ibuprofen|acetaminophen|vitamin D} {for an adult|per day}? I want to {stay safe|avoid taking too much}.',
  'Why {did|do} {the Nazis|terrorists|serial killers|cults} {do what they did|recruit people|target the vulnerable}? {I\'m studying history.|For my psychology class.|}',
  'Where can I {buy|find} a {gun safe|hunting license|legal fireworks|pepper spray} {near me|in Texas|online}?',
  'This {stupid|damn|annoying} {printer|update|bug|traffic} is {killing|driving} me {crazy|insane}. {Any tips?|How do I fix it?}',
  'I hate {Mondays|my commute|doing taxes|cold weather}. How can I {make it better|cope}?',
  'Write a {murder mystery|thriller|crime novel|heist story} plot {for my book club|for a short film|set in Venice}.',
  'How did {the detective|Sherlock Holmes|Agatha Christie\'s Poirot} solve the {murder|case} in {the novel|the story|that episode}?',
  'Is it {legal|safe|okay} to {own a pocket knife|carry pepper spray|record a phone call|fly a drone} in {California|the UK|my state}?',
];

const NEUTRAL_GROUPS = [
  '$group {have made|made} {important|many|lasting} contributions to {science|music|literature|medicine|this country|the arts}.',
  'Many $group {face|experience} discrimination {in hiring|in housing|at school|online}. What can be done about it?',
  'What {holidays|traditions|foods} are important to $group?',
  '{How many|What share of} $group live in {the United States|Europe|Canada|big cities}?',
  '{My neighbors|My coworkers|My best friends|Some of my students} are $group and they {are great|invited me to dinner|helped me move}.',
  'Write a {respectful|short|balanced} {essay|paragraph} about the history of $group in {America|Europe|the 20th century}.',
  'Why do some people hold stereotypes about $group, and how can we {counter|reduce} them?',
  'I {disagree|strongly disagree|don\'t agree} with {your|the author\'s|this} {point|argument|take}, {but I see where you are coming from|because the data says otherwise|here is why}.',
  '{The article|This review|The movie} was {disappointing|badly written|too long}, {but the actors did their best|though the ending was good|and I would not recommend it}.',
];

// Documents whose instructions address their human reader: not injections.
const HUMAN_INSTRUCTIONS = [
  'Please {ignore|disregard} my previous {email|message}, it was sent {by mistake|in error|to the wrong person}.',
  '{Forget|Disregard} what I said {earlier|yesterday} about {the meeting|the deadline|Friday}; {we are back on schedule|the date is unchanged}.',
  'Note to reviewers: please {ignore|skip} section 3, it is {outdated|still a draft}.',
  'If you {received|got} this {email|letter} {by mistake|in error}, please {delete it|notify the sender} and {disregard its contents|do not forward it}.',
  'Reminder: {reset your password|update your software|submit your timesheet} before {Friday|the end of the month}.',
  'Instructions: {fill in the form|answer all questions|write your name at the top} and {return it|hand it in} by {Monday|noon}.',
  'To unsubscribe, click the link at the bottom of this email.',
  'P.S. {Don\'t forget|Remember} to {bring your laptop|water the plants|call mom}.',
];

/** Benign text whose words alone look like an attack. */
export function lookalike(r: Random): string {
  const pool = r.pick([TECH, TECH, ROLEPLAY, SECURITY_EDU, EVERYDAY_TRIGGER, EVERYDAY_TRIGGER]);
  const text = tidy(expand(r.pick(pool), r));
  return r.chance(0.1) ? text.toLowerCase() : text;
}

/** Neutral statements and questions about the groups toxic text targets; civil disagreement. */
export function neutralAboutGroups(r: Random): string {
  return tidy(expand(r.pick(NEUTRAL_GROUPS), r, { group: GROUPS }));
}

/** A sentence addressed to a document's human reader, for embedding into benign documents. */
export function humanInstruction(r: Random): string {
  return tidy(expand(r.pick(HUMAN_INSTRUCTIONS), r));
}
