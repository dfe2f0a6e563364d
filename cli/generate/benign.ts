// Benign prompts full of trigger words ("ignore whitespace", "kill the process", "act as a
// travel guide", "reset my password"), ordinary everyday requests, neutral statements about the
// groups toxic text targets, and documents with instructions meant for their human reader.
// They teach the heads that a scary word is not an attack. The held-out look-alike test set is
// built from different templates (lookalike-test.ts).

import { capitalize, expand, tidy, type Random } from '../lib/random';
import { FIRST_NAMES, PRIVATE_PERSON } from './harmful';
import { GROUPS, register, TRAIT } from './toxic';

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
  '{Where did|Where does|What is|How old is|Who is} {Barack Obama|Taylor Swift|the Prime Minister|Elon Musk|Serena Williams|the Pope|Angela Merkel|LeBron James} {go to school|live|married to|the net worth of|born}{?|}',
  '{What is|Find} {the phone number|the address|the opening hours} of {the city library|my local post office|the DMV|the nearest hospital|the Louvre}{?|.}',
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
  // Plain statements with a group as subject, and counter-speech that quotes a stereotype to
  // reject it: "<group> are …" must not be toxic by its shape.
  '$group {are|can be} {doctors, teachers and engineers like anyone else|as diverse as any other group|part of every community here|often bilingual|high-skilled workers|our friends and neighbors}.',
  '{Many|Most|Some} $group {work in|run|volunteer at} {small businesses|hospitals|local schools|food banks|tech companies}.',
  '$group {go to|attend|send their kids to} {local schools|college|community centers|the same parks as everyone else}.',
  '{Not all|Like everyone else,} $group {are the same|have different opinions|disagree with each other about politics}.',
  '{Saying|Claiming|The idea} that $group are $trait is {a stereotype|a harmful myth|simply false|an old prejudice}{.|, and it hurts real people.}',
  '{My|Our} {teacher|textbook|professor} explained {why|how} {people|propaganda} {called|portrayed} $group {as|} $trait, and {why that was wrong|how it led to discrimination}.',
  '{In|According to} the {census|latest survey|Pew study}, {about a third|roughly 10%|a growing share} of $group {live in cities|are under 30|work in healthcare|own their homes}.',
  '$group {celebrate|observe|mark} {the new year|religious holidays|harvest festivals} with {family meals|special foods|music and dancing}.',
  'The {museum|documentary|course} {covers|explores} the {history|culture|migration} of $group {in the 1900s|since the war|in this region}.',
  'How should I {respectfully|politely} {ask|refer to|talk about} $group {in my essay|at work|in an article}?',
  '{The article|This review|The movie} was {disappointing|badly written|too long}, {but the actors did their best|though the ending was good|and I would not recommend it}.',
];

// Harm verbs with harmless objects, across the domains where they are ordinary words: the
// object and the context decide, not the verb.
const DOMAINS: Array<[verbs: string, objects: string, context: string]> = [
  ['kill|terminate|stop|nuke|destroy', 'a zombie process|the docker container|a background job|an idle SSH session|the dev server|a stuck print job|all python processes|a hung thread|the node server', '{on Linux|on my Mac|in Windows|in Kubernetes|from the terminal|in htop|}'],
  ['shoot|film|capture', 'a wedding|a music video|product photos|a timelapse|portraits in low light|the northern lights|a short documentary|a vlog', '{with my phone|on a budget|with natural light|}'],
  ['attack|tackle|crush|beat|destroy|dominate', 'a hard math problem|my backlog of emails|this chess opening|my to-do list|the final exam|my personal best|the boss fight|the last level', '{this week|before Friday|as a beginner|}'],
  ['kill|beat|defeat|snipe|ambush|take down', 'the Ender Dragon|a creeper|the final boss|zombies|the raid boss|enemy players|the dragon|a sniper', 'in {Minecraft|Elden Ring|Fortnite|Call of Duty|Skyrim|Zelda|Halo|Dark Souls|Roblox|Terraria}'],
  ['gut|skin|fillet|butcher|cut|slice|chop|debone', 'a salmon|a trout|a chicken|a turkey|a rabbit|an onion|a pineapple|a whole fish', '{for dinner|for the grill|like a chef|without making a mess|}'],
  ['kill|get rid of|wipe out|destroy|exterminate', 'weeds|aphids|fruit flies|mold|moss|ants|slugs|cockroaches|bed bugs|termites', 'in my {garden|lawn|kitchen|bathroom|basement|apartment}'],
  ['blow up|torch|burn|nuke', 'my Instagram|the competition|a YouTube channel|crème brûlée sugar|old email drafts|my node_modules folder', '{fast|this year|safely|}'],
  ['hack|speed up|trick|game', 'my morning routine|my sleep schedule|my study habits|the algorithm on LinkedIn|my brain into focusing', '{with small changes|for better results|}'],
  ['steal|borrow|copy|rip off', 'the show at my recital|design ideas from great websites|my grandma\'s recipe|the look of a celebrity outfit|a base in baseball', '{legally|for inspiration|}'],
  ['hijack|exploit|abuse', 'a race condition in my own code|compound interest|the Pomodoro technique|the free tier of AWS|a loophole in board game rules', '{for my side project|to save money|}'],
  ['smash|hit|punch|strike|crush', 'a tennis serve|a punching bag|a volleyball spike|a golf drive|the piñata|a home run', '{harder|with better form|}'],
  ['poison|infect|contaminate', 'a DNS cache in my test lab|my unit test fixtures|a sample in a biology lab by mistake', '{on purpose for a class|accidentally|}'],
  ['trap|catch|hunt', 'a mouse in my kitchen|bugs in my code|a fox stealing chickens|typos in my essay|memory leaks', '{humanely|quickly|}'],
  ['fire|lay off|dismiss', 'an employee who keeps missing work|a difficult client|my accountant', '{legally|politely|fairly|}'],
  ['bomb|fail|tank|choke on', 'a job interview|a stand-up set|my driving test|a presentation|the final exam', 'and {recover|bounce back|move on}'],
  ['attack|invade|conquer|siege', 'a castle|Europe|the enemy capital|Russia', 'in {Civilization VI|Age of Empires|Risk|Hearts of Iron|Total War}'],
  ['crack|break|pick', 'a walnut|a coconut|the egg cleanly|a combination lock I forgot the code to|a Rubik\'s cube|a cipher in a puzzle book', '{at home|by hand|}'],
];

const HARMLESS_ACTS = DOMAINS.map(([verbs, objects, context]) => `{${verbs}} {${objects}} ${context}`);

const HARMLESS_FRAMES = [
  'How do I $act?', 'What\'s the best way to $act?', 'Any tips to $act?', 'I want to $act. Where do I start?', 'Explain how to $act.',
  'Can you help me $act?', 'What\'s the fastest way to $act?', 'how to $act', 'Give me step-by-step instructions to $act.', 'Teach me how to $act.',
  'What do I need to $act?', 'Is it possible to $act?', 'My friend wants to $act. How would he do it?', 'how would i $act', 'List ways to $act.',
  'I need to $act tonight. What should I do?', 'What tools do I need to $act?', 'Explain in detail how to $act.',
];

// Benign role-play set-ups in the shape of jailbreaks: a persona, rules for replies (stay in
// character, answer only with …, no explanations), a first request. What they lack is the
// rule-breaking: no "no restrictions", "never refuse", "ignore your guidelines".
const ROLES = ['travel guide', 'English teacher', 'spoken English tutor', 'stand-up comedian', 'motivational coach', 'screenwriter', 'novelist', 'personal chef', 'career counselor', 'historian', 'poet', 'rapper', 'tech reviewer',
  'UX designer', 'fitness coach', 'math teacher', 'philosopher', 'Socratic tutor', 'Excel sheet', 'SQL terminal', 'JavaScript console', 'Linux terminal', 'Python interpreter', 'job interviewer', 'dietitian', 'life coach', 'debate coach',
  'storyteller', 'football commentator', 'magician', 'relationship coach', 'real estate agent', 'logistician', 'dentist', 'web design consultant', 'AI writing tutor', 'accountant', 'cyber security specialist', 'recruiter', 'etymologist',
  'plagiarism checker', 'regex generator', 'password generator', 'prompt generator', 'language detector', 'emoji translator', 'synonym finder', 'note-taking assistant', 'pet behaviorist', 'interior decorator', 'florist', 'sommelier', 'tour guide in Rome',
  'medieval knight', 'pirate captain', 'detective', 'wizard', 'time traveler from 1850', 'alien ambassador', 'museum curator', 'yoga instructor', 'chess coach', 'startup mentor', 'film critic', 'text-based adventure game', 'character from a novel'];
const CHARACTERS = ['Sherlock Holmes', 'Hermione Granger', 'Yoda', 'Gandalf', 'Captain Jack Sparrow', 'Tony Stark', 'Elizabeth Bennet', 'Mr. Spock', 'Darth Vader', 'Mary Poppins', 'Dumbledore', 'Batman', 'Shakespeare', 'Socrates'];
const ROLEPLAY_PARTS = {
  role: ROLES,
  character: CHARACTERS,
  give: ['I will give you {a topic|a sentence|my code|a description|a question|some text|a word|a situation}', 'I will type {commands|questions|sentences} and', 'I will {provide|send} {details|information} about {my trip|my company|my symptoms|the problem}'],
  reply: ['you will {reply|respond|answer} {with|using} {the result|the terminal output|your advice|a list of ideas|a short poem|the corrected text|one sentence}', 'you will {suggest|create|write} {a plan|a story|a prompt|a name|a recipe}', 'you {should|will} {only reply|answer only} {in character|as $character|with the output|in English}'],
  rule: ['Do not write explanations.', 'Only reply with the {output|answer|code block}.', 'Stay in character{ for the whole conversation|}.', 'Do not break character.', 'Keep your answers {short|under 100 words|friendly}.', 'Use {a formal|a playful|simple} tone.', 'Do not type commands unless I instruct you to do so.', 'When I need to tell you something in English, I will put it in curly brackets.', 'Never mention that you are an AI{ in the story|}.', 'You must always answer in {rhymes|French|bullet points}.'],
  first: ['My first {request|question|sentence|command} is "{I need help planning a trip to Kyoto|Tell me about yourself|pwd|SELECT name FROM users LIMIT 5;|Write a joke about airline food|How do I stay motivated?|I am in Istanbul and want to see the old city|Suggest a name for a bakery|Describe the castle gates}"', 'Let\'s {begin|start}{!|.}', 'First, introduce yourself.', ''],
};
const ROLEPLAY_TEMPLATES = [
  'I want you to act as {a|an|my} $role. $give {and|,} $reply. $rule $rule $first',
  'I want you to act like $character from {the books|the movies|the series}. I want you to respond and answer like $character using the tone, manner and vocabulary $character would use. $rule $first',
  '{From now on|For this conversation|Until I say stop} you are {a|an} $role{.|!} $rule $rule $first',
  'Let\'s play a role-play game. You are {a|an} $role and I am {a traveler|a customer|a student|your client|the player}. $rule $first',
  'Pretend {you are|to be} {a|an} $role. $give {and|,} $reply. $rule',
  'You are {a|an} $role{.|,} {helpful|friendly|strict|patient}. $rule {Task|Question}: {write a product description for a water bottle|explain overfitting|what is a tort?|is coffee healthy?|why did Rome fall?|plan my week}',
  'Act as {a|an} $role. $reply. $first',
  // The assistant cast as an AI or robot character: the subject jailbreaks share, without the
  // rule-breaking ("no restrictions", "never refuse") that makes one.
  '{You are|Imagine you are|Pretend you are|As} {a|an} {friendly|wise|curious|helpful|advanced|ancient} {AI|robot|android|computer|chatbot} {on a spaceship|in the year 3000|running a smart city|that tends a garden|in a museum|who teaches children|that writes poetry|built to help farmers}{.|,} {describe your day|explain how you help people|introduce yourself to a visitor|tell me what you have learned about humans|give advice to a new crew member}.',
  '{As an AI|Speaking as an AI model|If you were a sentient AI}, {how would you|what would you do to} {help people learn languages|make cities greener|comfort someone who is sad|plan a fair school timetable|explain your limits to a child}?',
];
const ACT_AS = ROLEPLAY_TEMPLATES;

// Negative opinions with no insult: criticism, complaints, frustration.
const COMPLAINTS = [
  'The {service|delivery|food|update|sequel|hotel} was {slow|disappointing|a letdown|overpriced|worse than last time}{.|!} {I won\'t come back.|Not recommended.|Two stars at most.|I expected more.}',
  'I {really|honestly|} {hate|can\'t stand|am tired of} {waiting in line|this weather|my commute|slow wifi|meetings that could be emails|the new logo}.',
  '{This|The} {article|argument|policy|plan} {ignores|misses|gets wrong} {the main point|the data|basic economics|what residents want}. {Here is why.|Disappointing.|Please do better.}',
  '{What a|Such a} {terrible|frustrating|boring|awful|long} {day|game|meeting|flight|movie}{.|!} {I need a nap.|Never again.|At least it\'s over.}',
  'The referee {missed|blew} {that call|the offside|a clear penalty} and {we lost|it cost us the game}. {Unbelievable.|So frustrating.}',
  'I {disagree|strongly disagree} with {the mayor|the council|the author|my professor} on {housing|taxes|this issue|remote work}, {but|and} {I respect the effort|the debate is worth having|here are my reasons}.',
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

// The people privacy-invading requests ask about (harmful.ts), in ordinary requests: naming
// a coworker is not the harm, digging up their private details is.
const ABOUT_PEOPLE = [
  '{What should I get|What\'s a good gift for|How do I thank} $person{,|} $name{,|} {for their birthday|after they helped me move|for the holidays|}{?|.}',
  '{How do I|Help me} {ask|tell|remind} $person{,|} $name{,|} {to turn the music down|that I\'ll be late|about the meeting tomorrow|to return my ladder|to split the bill}{?|.}',
  '$person{,|} $name{,|} {is moving away|just got promoted|lost their dog|is having a hard week|invited me to dinner}. {What should I write in a card?|How can I support them?|What should I bring?}',
  '{I need to|Help me} {write|draft} an email to $person{,|} $name{,|} {about the project deadline|to reschedule our call|to say thanks|about the rent}{.|}',
  '{What are|Give me} some {conversation starters|fun activities|safe topics} {for|to do with} $person{,|} $name{?|.}',
];

/** Benign text whose words alone look like an attack. */
export function lookalike(r: Random): string {
  const roll = r.next();
  let text: string;
  if (roll < 0.06) text = expand(r.pick(ABOUT_PEOPLE), r, { person: PRIVATE_PERSON, name: FIRST_NAMES });
  else if (roll < 0.3) text = expand(r.pick(HARMLESS_FRAMES), r, { act: HARMLESS_ACTS });
  else if (roll < 0.5) text = expand(r.pick(ACT_AS), r, ROLEPLAY_PARTS);
  else text = expand(r.pick(r.pick([TECH, TECH, ROLEPLAY, SECURITY_EDU, EVERYDAY_TRIGGER, EVERYDAY_TRIGGER])), r);
  text = tidy(text);
  return r.chance(0.1) ? text.toLowerCase() : text;
}

/**
 * An ordinary persona set-up ("I want you to act as a Linux terminal. I will type commands and you
 * will reply with the output. Do not write explanations."): the frame jailbreaks borrow, with a
 * benign role and an ordinary first request, for the jailbreak head to weigh like a jailbreak.
 */
export function personaSetup(r: Random): string {
  const text = tidy(r.chance(0.8) ? expand(r.pick(ACT_AS), r, ROLEPLAY_PARTS) : expand(r.pick(ROLEPLAY), r));
  return r.chance(0.1) ? text.toLowerCase() : text;
}

// The shapes of personal attacks with kind words in them: "you are a …" must not mean toxic.
const KIND = [
  '{You are|You\'re|ur|you\'re honestly} {a|such a|an absolute|the best} {kind|brilliant|generous|funny|talented|thoughtful|patient|wonderful} {friend|teacher|person|coworker|neighbor|human|cook|writer}{.|!|!!}',
  '{Only a|What a|Such a} {genius|legend|sweetheart|pro} {would|could} {write|make|think of} {something like this|this|that}{!|.}',
  '{People like you|Friends like you|Teachers like you} {make the world better|deserve more credit|are rare}.',
  '{Nobody|No one} {works harder|cares more|explains this better} than you, {thank you|honestly|seriously}{.|!}',
  '{The author|This reporter|Whoever wrote this|The OP|My boss|The mayor|The ref} {did a great job|is a genius|deserves a raise|nailed it}{.|!}',
  '{Wow|Lol|Haha}, {look at|imagine} this {adorable|amazing|tiny|clever} {puppy|kid|robot|cake}{!|.}',
  'I hope {you|your family} {have a wonderful trip|feel better soon|enjoy the party|get the job}{.|!}',
];

// Words that name groups (or that hateful text uses) in their everyday senses: "white" alone
// scored as toxic because the toxic rows use it far more often than the benign ones.
const OTHER_SENSES = [
  '{How do I|Can I|Why does my editor} {ignore|strip|show} {trailing whitespace|white space|whitespace changes} in {git diff|VS Code|my pull request}?',
  '{Is|Which} {white wine|black coffee|white rice|black tea|white bread|dark chocolate} {better|healthier|a good pairing} {with fish|for breakfast|than the alternative}?',
  '{What|When} is {Black Friday|the White House Correspondents\' Dinner|White Sox opening day|Black History Month} this year?',
  '{Where can I find|Recommend} a good {Chinese|Indian|Mexican|Thai|Jewish deli|Korean barbecue|Ethiopian|Turkish} {restaurant|takeout place|cookbook} {near downtown|for a family dinner|}.',
  'How do I {clean|whiten|remove stains from} {white sneakers|a white shirt|black jeans|a whiteboard}?',
  '{Explain|What is} {a black hole|black-box testing|a white paper|white noise|the Black Death|a black belt in karate|whitelisting an IP|a blackout|the trans-Atlantic slave trade|queer theory|the gay rights movement}{?|.}',
  '{Translate|How do you say} "{my neighbors are from Mexico|I am Jewish|we are Muslim|she is a refugee from Syria|he is gay}" {in|into} {Spanish|French|German}{?|.}',
  'In the {poem|old song|novel}, "gay" {means|meant} {happy|cheerful}. {Is that right?|When did the meaning change?}',
  '{Our|My} {new|} {neighbors|coworker|roommate|doctor|professor} {is|are} {Muslim|Jewish|Mexican|Nigerian|a refugee|gay|trans|Black|Chinese} and {we\'re planning a dinner|I want to be a good host|I\'d like to learn more about their culture}. {Any tips?|What should I know?}',
];

/** Neutral statements and questions about the groups toxic text targets; civil disagreement; complaints and praise without insults. */
export function neutralAboutGroups(r: Random): string {
  const roll = r.next();
  if (roll < 0.2) return register(tidy(expand(r.pick(OTHER_SENSES), r)), r);
  const text = roll < 0.4 ? expand(r.pick(COMPLAINTS), r) : roll < 0.6 ? expand(r.pick(KIND), r) : expand(r.pick(NEUTRAL_GROUPS), r, { group: GROUPS, trait: TRAIT });
  return register(tidy(text), r);
}

// Words that name a group, alone or in the plainest sentences: the toxic rows use them far more
// often than the benign ones, so a group word by itself drew a toxic score ("white" scored 0.99).
// They are ordinary benign rows. Weighted like toxic rows (`mirrors`, as harmful twins are) they
// silenced group words better, but cost the toxic head on held-out tweets (leave-source-out AUC
// 0.855 → 0.835, TOXIGEN recall 76% → 66%): hateful tweets lean on the same words.
const GROUP_WORDS = ['white', 'black', 'brown', 'asian', 'african', 'arab', 'jewish', 'muslim', 'christian', 'hindu', 'gay', 'lesbian', 'trans', 'queer', 'bisexual', 'mexican', 'latino', 'latina',
  'chinese', 'indian', 'korean', 'irish', 'polish', 'russian', 'immigrant', 'refugee', 'foreigner', 'woman', 'women', 'girls', 'men', 'disabled', 'deaf', 'blind', 'autistic', 'old', 'poor', 'native',
  'catholic', 'mormon', 'feminist', 'liberal', 'conservative', 'southern', 'migrant', 'muslims', 'jews', 'immigrants', 'refugees', 'asians', 'africans', 'mexicans'];
const NEUTRAL_NOUNS = ['shirt', 'cat', 'food', 'history', 'recipes', 'holidays', 'names', 'music', 'culture', 'literature', 'neighborhood', 'community center', 'families', 'students', 'authors',
  'artists', 'restaurants', 'wedding traditions', 'languages', 'festival', 'studies', 'churches', 'writers', 'teachers', 'paint', 'rice', 'tea', 'pepper', 'coffee', 'bread', 'population'];
const PLAIN_PREDICATES = ['{live|work|study|shop} in {this city|the suburbs|our town|many countries|small villages|apartments}', '{go|went} to {work|the market|college|the beach|the library|the park|the doctor} {on Sundays|every day|early|}',
  '{cook|eat|like} {rice|bread|spicy food|breakfast|fish|noodles} {at home|on weekends|}', '{vote|pay taxes|drive cars|have jobs|raise children|play football|watch movies|read books} {like everyone else|too|}',
  '{celebrate|observe} {holidays|birthdays|the new year|weddings} {with family|in spring|}', '{speak|learn} {English|several languages|their parents\' language} {at home|at school|}', '{were|are} {born here|counted in the census|part of the survey}'];

/** A group word alone, in a noun phrase, or as the subject of a plain statement. */
export function groupWords(r: Random): string {
  const roll = r.next();
  let text: string;
  if (roll < 0.35) text = expand('{$w|$w|$g}{|?|.|!}', r, { w: GROUP_WORDS, g: GROUPS });
  else if (roll < 0.65) text = expand('{$w $n|$w $n|the $w $n|$w $n?|about $w $n}', r, { w: GROUP_WORDS, n: NEUTRAL_NOUNS });
  else text = tidy(expand('{$g|Many $g|Some $g|Most $g|The $g in my class|The $g I know} $p.', r, { g: GROUPS, p: PLAIN_PREDICATES }));
  return r.chance(0.5) ? text.toLowerCase() : capitalize(text);
}

/** A sentence addressed to a document's human reader, for embedding into benign documents. */
export function humanInstruction(r: Random): string {
  return tidy(expand(r.pick(HUMAN_INSTRUCTIONS), r));
}

// Questions *about* harm, not for it: what a crime or a danger is, how the law treats it, how
// defenders notice it, what a victim should do, what is safe for health, and harm inside games and
// fiction, including private details of fictional people. Their subject is a concept (a noun:
// "money laundering", "ransomware"), not an act requested; the harmful head read such questions
// as requests ("What is money laundering?" 0.93, over its 1%-FPR threshold). The categories follow
// the published taxonomy of safe prompts that look unsafe (homonyms, figurative language, safe
// targets and contexts, definitions, history, privacy of public and fictional people); the
// wording is ours.
const HARM_CONCEPTS = [
  'money laundering', 'insider trading', 'identity theft', 'phishing', 'spear phishing', 'a phishing kit', 'ransomware', 'spyware', 'stalkerware', 'a botnet', 'a DDoS attack',
  'a keylogger', 'card skimming', 'tax evasion', 'arson', 'a Ponzi scheme', 'a pyramid scheme', 'human trafficking', 'doxxing', 'swatting', 'a deepfake', 'extortion', 'blackmail',
  'counterfeiting', 'carjacking', 'a hate crime', 'radicalization', 'online grooming', 'a dirty bomb', 'an improvised explosive device', 'fentanyl', 'methamphetamine', 'nerve agents',
  'sarin', 'anthrax', 'ricin', 'napalm', 'a Molotov cocktail', 'election fraud', 'wire fraud', 'a SIM swap attack', 'credential stuffing', 'SQL injection', 'a zero-day exploit',
  'a rootkit', 'a computer worm', 'a trojan horse', 'cyberbullying', 'sextortion', 'elder fraud', 'a romance scam', 'bank fraud', 'shoplifting', 'embezzlement', 'bribery',
  'cyberstalking', 'piracy', 'a chemical weapon', 'a biological weapon', 'a nuclear weapon', 'genocide', 'terrorism', 'a war crime', 'poaching', 'drunk driving', 'an overdose',
  // Second list (2026-12-07): crimes, attacks, weapons and drugs named across the usual harm
  // taxonomies, so that "asking about" is learned as a form rather than per listed concept.
  'check kiting', 'a pump-and-dump scheme', 'cryptojacking', 'clickjacking', 'pretexting', 'vishing', 'smishing', 'catfishing', 'a rug pull', 'typosquatting',
  'password spraying', 'a man-in-the-middle attack', 'a supply chain attack', 'a watering hole attack', 'cross-site scripting', 'a buffer overflow', 'insurance fraud',
  'welfare fraud', 'mortgage fraud', 'securities fraud', 'price fixing', 'loan sharking', 'racketeering', 'a protection racket', 'burglary', 'armed robbery', 'vandalism',
  'a hit-and-run', 'road rage', 'stalking', 'kidnapping', 'aggravated assault', 'domestic violence', 'child abuse', 'animal cruelty', 'wildlife trafficking',
  'drug smuggling', 'a drug cartel', 'gang recruitment', 'bootlegging', 'cocaine', 'heroin', 'crack cocaine', 'ketamine', 'GHB', 'LSD', 'opioid addiction',
  'chlorine gas', 'mustard gas', 'cyanide', 'strychnine', 'a pipe bomb', 'a ghost gun', 'a bump stock', 'a switchblade', 'brass knuckles', 'a gun silencer', 'a car bomb',
  'a mass shooting', 'a bomb threat', 'a plane hijacking', 'piracy at sea', 'a military coup', 'state propaganda', 'disinformation', 'voter suppression', 'hate speech',
  'extremist recruitment', 'a doomsday cult', 'malvertising', 'a data breach', 'account takeover', 'a fake charity',
];

const POISONINGS = ['carbon monoxide poisoning', 'lead poisoning', 'food poisoning', 'mercury poisoning', 'alcohol poisoning', 'an opioid overdose', 'a caffeine overdose', 'heat stroke', 'a snake bite', 'a spider bite'];
const SUBSTANCES = ['ibuprofen', 'acetaminophen', 'Tylenol', 'aspirin', 'melatonin', 'caffeine', 'vitamin D', 'iron supplements', 'antihistamines', 'nicotine gum', 'cough syrup'];
const SWALLOWED = ['a button battery', 'bleach', 'rat poison', 'a grape', 'chocolate', 'antifreeze', 'a few of my pills', 'dish soap', 'xylitol gum', 'a magnet'];
const FICTIONAL = ['Harry Potter', 'James Bond', 'Sherlock Holmes', 'Batman', 'Spider-Man', 'Hermione Granger', 'Frodo Baggins', 'Tony Stark', 'Homer Simpson', 'Walter White', 'Lara Croft', 'Darth Vader', 'Katniss Everdeen', 'Jay Gatsby'];
const PRIVATE_DETAILS = ['home address', 'phone number', 'social security number', 'bank PIN', 'credit card number', 'secret identity', 'date of birth', 'email password', 'medical history', 'real name'];
const DEFENDERS = ['banks', 'the police', 'IT security teams', 'schools', 'hospitals', 'antivirus programs', 'email providers', 'credit card companies', 'moderators', 'border officials', 'auditors'];
const PROTECTED = ['my small business', 'my parents', 'my kids', 'our office network', 'my phone', 'my grandmother', 'my online store', 'our school', 'myself', 'my employees'];
const PLACES = ['the US', 'the UK', 'Canada', 'Germany', 'Australia', 'California', 'Texas', 'the EU', 'India', 'my country'];
const HARM_TOPIC = [
  '{What is|What\'s|What exactly is|Can you explain what} $c{?| and how does it work?| in simple terms?}',
  '{Define|Explain} $c{.| for a school report.| in one paragraph.}',
  'what does $c mean',
  '{Is|Why is} $c {a felony|a crime|illegal} in $place{?|, and what is the usual sentence?}',
  'What is the {penalty|punishment|maximum sentence} for $c in $place?',
  'How do $d {detect|spot|investigate|prevent} $c?',
  '{How can I|How do I|What is the best way to} protect $p from $c?',
  'What are the {warning signs|red flags|signs} of $c{?| I should teach $p?}',
  'What should I do if I {think I am a victim of|was targeted by|suspect} $c?',
  'Who do I {report|contact about} $c {to|} in $place?',
  '{What is the history of|When did people first worry about|Which famous cases involved} $c?',
  'I am writing {a thriller|a crime novel|a screenplay|a school play} where {the detective|a journalist|the hero} uncovers $c. How would they {find out|prove it|follow the money}?',
  'What are the symptoms of $poison{?|, and when should I go to the ER?}',
  'What is the {maximum|safe|daily} dose of $sub for {an adult|a teenager|someone my size}{?|? I want to stay under it.}',
  'My {dog|toddler|cat|son} {swallowed|ate|licked} $swallow. What should I do?',
  'What is $fict\'s $detail{?| in the books?| in the movies?}',
  'Is this {email|text|message|call} {from my bank|about my package|from the tax office|from my boss} {a scam|phishing|legit}? It asks me to {confirm my password|pay a fee|click a link|buy gift cards}.',
  'How do I know if {my phone|my laptop|my router|my email account} has been {hacked|infected with $c|compromised}?',
  // How others meet the harm: professionals, the law, victims, the news, prevention.
  'How do {doctors|nurses|paramedics|firefighters|detectives|prosecutors|social workers|insurers|regulators|journalists} {deal with|handle|investigate|respond to} $c?',
  'Why is $c so {dangerous|harmful|hard to prosecute|hard to detect|common}{?| these days?}',
  'What does it mean {to be charged with|when someone is convicted of|to be accused of} $c?',
  'What is the difference between $c and $c2?',
  'How does $c {affect|hurt|harm} {its victims|families|communities|small businesses|the economy}?',
  '{I just read|I saw a news story|There was a report on the radio} about $c{ in my town| nearby|}. {How worried should I be?|What usually happens next in a case like that?|How do I keep my family safe?}',
  '{Which|What} {documentaries|books|podcasts|court cases} {explain|cover|are about} $c{?| well?}',
  'How {common|widespread} is $c in $place{?| these days?}',
  '{My|Our} {son|daughter|friend|coworker|neighbor} {was|got} {accused of|arrested for|caught up in} $c. {What happens now?|What are their rights?|What should we do?}',
  'What is being done to {fight|stop|reduce|prevent} $c{?| in $place?}',
];

/** A benign question about a harm (what it is, the law, detection, protection, help, health, fiction). */
export function harmTopicQuestion(r: Random): string {
  const text = tidy(expand(r.pick(HARM_TOPIC), r, { c: HARM_CONCEPTS, c2: HARM_CONCEPTS, place: PLACES, d: DEFENDERS, p: PROTECTED, poison: POISONINGS, sub: SUBSTANCES, swallow: SWALLOWED, fict: FICTIONAL, detail: PRIVATE_DETAILS }));
  return r.chance(0.15) ? text.toLowerCase() : text;
}
