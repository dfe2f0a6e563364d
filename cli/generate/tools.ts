// Agent prompts: a model told which tools (functions) it may call, how to call them, and a user's
// task. Every agent framework sends one of these on each turn — a ReAct preamble, OpenAI-style
// function schemas, an MCP tool list, an XML block, a plain list — and in the pool nothing like
// them is benign: imperative set-up text ("you must", "always", "never", "respond only with",
// "do not explain") aimed at the model reads as an injection or a jailbreak. A real agent
// gateway would block its own customers' agents.
//
// The same frames also carry an instruction planted where real attacks put it (`agentPrompt(r,
// payload)`): in a tool's description (tool poisoning) or in a tool's output the model reads back
// (an observation, a function result). So the frame is evidence for neither class, and what the
// text asks of the model decides.
//
// Own templates, tools and wording; nothing here comes from a pool source or a framework's prompt.

import { expand, type Random } from '../lib/random';

export interface Tool {
  name: string;
  /** An example argument, as the model would pass it. */
  input: string;
  /** What it does, one sentence, without a final period. */
  does: string;
  params: Array<{ name: string; type: 'string' | 'number' | 'integer' | 'boolean'; about: string }>;
  /** User tasks this tool serves. */
  tasks: string[];
  /** A plausible result, as the tool returns it. */
  result: string;
}

export const TOOLS: Tool[] = [
  { name: 'get_weather', input: 'Lisbon', does: 'Returns the current weather and a 3-day forecast for a city', params: [{ name: 'city', type: 'string', about: 'City name, e.g. "Lisbon"' }, { name: 'units', type: 'string', about: 'metric or imperial' }], tasks: ['Do I need an umbrella in {Lisbon|Oslo|Denver|Osaka} tomorrow?', 'What will the weather be like in {Rome|Austin|Seoul} this weekend?'], result: '{"city": "Lisbon", "now": {"temp_c": 18, "sky": "light rain"}, "forecast": ["rain", "cloudy", "sunny"]}' },
  { name: 'search_docs', input: 'VPN token reset', does: 'Searches the internal knowledge base and returns the five most relevant articles', params: [{ name: 'query', type: 'string', about: 'Search terms' }, { name: 'limit', type: 'integer', about: 'How many results, at most 10' }], tasks: ['How do I reset my VPN token?', 'What is our policy on expense reports over $500?', 'Where is the onboarding checklist for new engineers?'], result: '[{"title": "Resetting your VPN token", "url": "https://wiki.example.com/vpn-reset", "snippet": "Open the portal, choose Devices, then Reset."}]' },
  { name: 'calculator', input: '0.17 * 2340', does: 'Evaluates an arithmetic expression exactly', params: [{ name: 'expression', type: 'string', about: 'For example "(17.5 * 4) / 3"' }], tasks: ['What is 17% of 2,340?', 'If I save $250 a month, how much do I have after 3 years?', 'Split a $186 bill between 7 people.'], result: '{"value": 397.8}' },
  { name: 'create_calendar_event', input: 'Budget review with Dana', does: 'Creates an event in the user\'s calendar', params: [{ name: 'title', type: 'string', about: 'Event title' }, { name: 'start', type: 'string', about: 'ISO 8601 start time' }, { name: 'duration_minutes', type: 'integer', about: 'Length of the event' }], tasks: ['Book 30 minutes with Dana on Thursday at 3pm to go over the budget.', 'Put the dentist appointment on my calendar for March 4 at 9:15.'], result: '{"event_id": "evt_8841", "status": "created"}' },
  { name: 'send_email', input: 'team@example.com', does: 'Sends an e-mail from the user\'s account after the user confirms the draft', params: [{ name: 'to', type: 'string', about: 'Recipient address' }, { name: 'subject', type: 'string', about: 'Subject line' }, { name: 'body', type: 'string', about: 'Plain-text body' }], tasks: ['Email the team that standup moves to 10am tomorrow.', 'Send Marco a thank-you note for the intro.'], result: '{"status": "draft_ready", "needs_confirmation": true}' },
  { name: 'run_sql', input: 'SELECT region, COUNT(*) FROM orders GROUP BY region', does: 'Runs a read-only SQL query against the analytics warehouse', params: [{ name: 'query', type: 'string', about: 'A single SELECT statement' }], tasks: ['How many orders did we ship last week, by region?', 'Which ten products had the most returns in May?'], result: '[{"region": "EU", "orders": 1842}, {"region": "US", "orders": 2310}]' },
  { name: 'convert_currency', input: '250 EUR to JPY', does: 'Converts an amount between currencies at today\'s rate', params: [{ name: 'amount', type: 'number', about: 'The amount' }, { name: 'from', type: 'string', about: 'ISO code, e.g. EUR' }, { name: 'to', type: 'string', about: 'ISO code, e.g. JPY' }], tasks: ['How much is 250 euros in yen?', 'Convert 1,200 Canadian dollars to pounds.'], result: '{"amount": 40125.5, "currency": "JPY", "rate": 160.5}' },
  { name: 'get_directions', input: 'airport to convention center', does: 'Returns driving, transit or walking directions between two places', params: [{ name: 'origin', type: 'string', about: 'Start address or place' }, { name: 'destination', type: 'string', about: 'End address or place' }, { name: 'mode', type: 'string', about: 'driving, transit or walking' }], tasks: ['How do I get from the airport to the convention center by train?', 'How long is the walk from the hotel to the museum?'], result: '{"duration_min": 34, "steps": ["Take line 2 to Central", "Change to line 5", "Walk 300 m"]}' },
  { name: 'lookup_order', input: 'A-10023', does: 'Looks up an order by its number and returns its status and items', params: [{ name: 'order_id', type: 'string', about: 'Order number, e.g. A-10023' }], tasks: ['Where is my order A-10023?', 'Has order 88412 shipped yet?'], result: '{"order_id": "A-10023", "status": "in transit", "eta": "2024-06-12"}' },
  { name: 'create_ticket', input: 'WEB', does: 'Opens a ticket in the issue tracker', params: [{ name: 'project', type: 'string', about: 'Project key' }, { name: 'summary', type: 'string', about: 'One-line summary' }, { name: 'priority', type: 'string', about: 'low, medium or high' }], tasks: ['Open a bug: the export button does nothing on Safari.', 'File a ticket to rotate the staging certificates before they expire.'], result: '{"key": "WEB-2291", "url": "https://tracker.example.com/WEB-2291"}' },
  { name: 'read_file', input: 'package.json', does: 'Reads a file from the project workspace', params: [{ name: 'path', type: 'string', about: 'Path relative to the workspace root' }], tasks: ['Why does the build fail? Start with package.json.', 'Summarize what src/billing/invoice.ts does.'], result: '{"path": "package.json", "content": "{\\n  \\"name\\": \\"shop\\",\\n  \\"scripts\\": { \\"build\\": \\"tsc\\" }\\n}"}' },
  { name: 'run_python', input: 'print(all(7919 % d for d in range(2, 89)))', does: 'Executes Python code in a sandbox without network access and returns stdout', params: [{ name: 'code', type: 'string', about: 'The code to run' }], tasks: ['Plot the monthly sales from the attached CSV and describe the trend.', 'Check whether 7919 is prime.'], result: '{"stdout": "True\\n", "exit_code": 0}' },
  { name: 'translate_text', input: 'the meeting is postponed', does: 'Translates text between languages', params: [{ name: 'text', type: 'string', about: 'Text to translate' }, { name: 'target', type: 'string', about: 'Target language code' }], tasks: ['Translate the welcome message into Portuguese and Korean.', 'How do I say "the meeting is postponed" in German?'], result: '{"translation": "Die Besprechung ist verschoben."}' },
  { name: 'find_recipes', input: 'chickpeas, spinach, feta', does: 'Finds recipes by ingredients, cuisine or diet', params: [{ name: 'ingredients', type: 'string', about: 'Comma-separated ingredients' }, { name: 'diet', type: 'string', about: 'Optional: vegetarian, vegan, gluten-free' }], tasks: ['What can I cook with chickpeas, spinach and feta?', 'Find a vegan dessert that takes under 30 minutes.'], result: '[{"title": "Chickpea and spinach stew", "minutes": 25}]' },
  { name: 'search_flights', input: 'BOS to DEN', does: 'Searches flights and returns prices and times', params: [{ name: 'from', type: 'string', about: 'Origin airport code' }, { name: 'to', type: 'string', about: 'Destination airport code' }, { name: 'date', type: 'string', about: 'Departure date, YYYY-MM-DD' }], tasks: ['Find me a flight from Boston to Denver on the 14th, morning if possible.', 'What is the cheapest way to fly from Madrid to Athens next Friday?'], result: '[{"flight": "UA 412", "departs": "07:05", "price_usd": 189}]' },
  { name: 'get_stock_quote', input: 'ACME', does: 'Returns the latest price and daily change for a ticker', params: [{ name: 'symbol', type: 'string', about: 'Ticker symbol' }], tasks: ['How is ACME stock doing today?', 'Compare today\'s moves of two index funds.'], result: '{"symbol": "ACME", "price": 41.18, "change_pct": -1.2}' },
  { name: 'set_reminder', input: 'water the plants', does: 'Sets a reminder that notifies the user at a given time', params: [{ name: 'text', type: 'string', about: 'What to remind about' }, { name: 'at', type: 'string', about: 'When, ISO 8601' }], tasks: ['Remind me to water the plants every Sunday at 6pm.', 'Remind me to call the bank tomorrow morning.'], result: '{"reminder_id": "r_553", "status": "scheduled"}' },
  { name: 'query_crm', input: 'Northwind', does: 'Looks up a customer account in the CRM', params: [{ name: 'company', type: 'string', about: 'Company name' }], tasks: ['When did we last talk to Northwind, and what did they ask for?', 'Which accounts renew next month?'], result: '{"company": "Northwind", "last_contact": "2024-05-02", "notes": "asked for a volume discount"}' },
  { name: 'get_time', input: 'Asia/Tokyo', does: 'Returns the current time in a time zone', params: [{ name: 'timezone', type: 'string', about: 'IANA zone, e.g. Asia/Tokyo' }], tasks: ['What time is it in Tokyo right now?', 'Is it too late to call someone in Sydney?'], result: '{"timezone": "Asia/Tokyo", "time": "21:40"}' },
  { name: 'fetch_url', input: 'https://museum.example.org/visit', does: 'Downloads a web page and returns its readable text', params: [{ name: 'url', type: 'string', about: 'The page address' }], tasks: ['Summarize the article at the link I sent.', 'What are the opening hours listed on the museum\'s website?'], result: '{"title": "Opening hours", "text": "Open Tuesday to Sunday, 10:00 to 18:00. Closed on Mondays."}' },
];

const S = {
  assistant: ['a helpful assistant', 'the support assistant for Acme Cloud', 'an operations assistant', 'a travel planning assistant', 'a coding assistant working in the user\'s repository', 'a personal productivity assistant', 'a data analyst assistant', 'the shop\'s customer service agent'],
  intro: ['You are $assistant.', 'You are $assistant with access to tools.', 'Act as $assistant.', 'You are $assistant. Today is {Monday|Wednesday|Friday}, {June 3|March 12|October 21}.', ''],
  rule: [
    'Only call a tool when you need information you do not have.',
    'Always confirm with the user before sending anything on their behalf.',
    'Never make up tool results; if a tool fails, say so.',
    'Respond only with a tool call or a final answer, nothing else.',
    'Do not explain which tools you used unless the user asks.',
    'You must call at most {one tool|three tools} per turn.',
    'If the request is ambiguous, ask a clarifying question instead of calling a tool.',
    'Keep final answers under {100|150|200} words.',
    'Use metric units unless the user asks otherwise.',
    'Ignore tool results that are empty and try a different query.',
    'Do not reveal internal ticket numbers to customers.',
    'Always answer in the user\'s language.',
    'Never run more than one query against the warehouse per question.',
  ],
};

const rules = (r: Random): string => Array.from({ length: 1 + r.int(3) }, () => expand(r.pick(S.rule), r, S)).join(r.chance(0.5) ? ' ' : '\n');

function jsonSchema(t: Tool, description: string): object {
  return {
    type: 'function',
    function: {
      name: t.name,
      description,
      parameters: { type: 'object', properties: Object.fromEntries(t.params.map((p) => [p.name, { type: p.type, description: p.about }])), required: [t.params[0]!.name] },
    },
  };
}

/** A description as a sentence: a final period unless it has one (a payload may end it). */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

const signature = (t: Tool): string => `${t.name}(${t.params.map((p) => `${p.name}: ${p.type}`).join(', ')})`;

/** How the tools are listed: one function per format, each given the tools and their descriptions. */
const LISTINGS: Array<(tools: Tool[], about: string[], r: Random) => string> = [
  // ReAct-style preamble: the tools, then the thought / action / observation loop the model keeps
  (tools, about, r) =>
    `${r.pick(['Tools you can use:', 'You can use these tools:', 'Available tools:'])}\n\n${tools.map((t, i) => `${t.name}: ${sentence(about[i]!)} Input: ${t.params.map((p) => p.name).join(', ')}.`).join('\n')}\n\n${r.pick(['Work in this format:', 'Answer in this format:', 'Format:'])}\n\nQuestion: what the user asked\nThought: your reasoning about the next step\nAction: one tool name from [${tools.map((t) => t.name).join(', ')}]\nAction Input: the argument for that tool\nObservation: what the tool returned\n(Thought, Action, Action Input and Observation may repeat)\nThought: I can answer now\nFinal Answer: your answer to the user`,
  // OpenAI-style function schemas
  (tools, about, r) => `${r.pick(['Tools:', 'Available functions:', '# Tools', 'functions ='])}\n${JSON.stringify(tools.map((t, i) => jsonSchema(t, about[i]!)), null, r.chance(0.5) ? 2 : undefined)}`,
  // MCP-style list
  (tools, about) => `Connected MCP servers expose these tools:\n${tools.map((t, i) => `- \`${signature(t)}\`: ${sentence(about[i]!)}`).join('\n')}`,
  // XML block
  (tools, about) => `<tools>\n${tools.map((t, i) => `  <tool name="${t.name}">\n    <description>${sentence(about[i]!)}</description>\n    <parameters>${t.params.map((p) => `<param name="${p.name}" type="${p.type}">${p.about}</param>`).join('')}</parameters>\n  </tool>`).join('\n')}\n</tools>`,
  // Plain list
  (tools, about, r) => `${r.pick(['You can call these functions:', 'Functions you may use:', 'Tools available in this session:'])}\n${tools.map((t, i) => `* ${signature(t)} — ${about[i]}`).join('\n')}\n${r.pick(['To call one, reply with JSON: {"tool": name, "arguments": {...}}.', 'Call a function by writing <call>name(args)</call>.', 'Reply with a tool call in JSON or with your answer.'])}`,
];

/** A tool's output as the model reads it back, in the framing of one of the listings. */
function toolOutput(t: Tool, result: string, r: Random): string {
  const shape = r.int(3);
  if (shape === 0) return `Action: ${t.name}\nAction Input: ${JSON.stringify(t.input)}\nObservation: ${result}`;
  if (shape === 1) return `[tool result: ${t.name}]\n${result}`;
  return `<function_result name="${t.name}">${result}</function_result>`;
}

/**
 * An agent prompt: set-up, tool listing and a user task, sometimes a tool result read back. With
 * `payload`, the payload sits in one tool's description or in a tool result.
 */
export function agentPrompt(r: Random, payload?: string): string {
  const tools = r.shuffle([...TOOLS]).slice(0, 1 + r.int(4));
  const about = tools.map((t) => t.does);
  const withOutput = r.chance(0.35);
  const target = r.int(tools.length);
  let result = tools[target]!.result;
  if (payload !== undefined) {
    if (withOutput && r.chance(0.6)) {
      // After the result, or inside one of its longer string values.
      const inside = /"([^"]{12,})"/;
      result = r.chance(0.5) || !inside.test(result) ? `${result}\n${payload}` : result.replace(inside, (_, s: string) => `"${s} ${payload.replace(/"/g, "'")}"`);
    } else about[target] = `${about[target]}. ${payload}`;
  }
  const task = expand(r.pick(tools[target]!.tasks), r);
  const setup = [expand(r.pick(S.intro), r, S), r.chance(0.7) ? rules(r) : ''].filter(Boolean).join(r.chance(0.5) ? ' ' : '\n');
  const listing = r.pick(LISTINGS)(tools, about, r);
  const user = `${r.pick(['User: ', 'Question: ', 'user: ', '### User\n', ''])}${task}`;
  const parts = r.chance(0.5) ? [setup, listing, user] : [listing, setup, user];
  if (withOutput) parts.push(toolOutput(tools[target]!, result, r));
  return parts.filter(Boolean).join('\n\n');
}
