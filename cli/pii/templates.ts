// Evaluation texts built from templates with generated valid values (values.ts). Two disjoint
// template sets: DEV (looked at while developing the detectors) and HELD_OUT (written at the same
// time, only scored), so the held-out figure is not a figure we tuned on. LOOKALIKE templates hold
// benign values that resemble PII (versions, dates, prices, ids, hashes) and must yield no span.

import { getCountries, getExampleNumber } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import * as v from './values';
import type { Random } from './values';

export interface LabelledText {
  text: string;
  spans: { type: string; start: number; end: number }[];
}

type Slot = (r: Random) => { value: string; type?: string };

const SLOTS: Readonly<Record<string, Slot>> = {
  EMAIL: (r) => ({ value: v.email(r), type: 'EMAIL' }),
  PHONE: (r) => ({ value: v.phone(r), type: 'PHONE' }),
  CARD: (r) => ({ value: v.card(r), type: 'CREDIT_CARD' }),
  IBAN: (r) => ({ value: v.iban(r), type: 'IBAN' }),
  SSN: (r) => ({ value: v.ssn(r), type: 'US_SSN' }),
  SSN_BARE: (r) => ({ value: v.ssn(r, ''), type: 'US_SSN' }),
  IP: (r) => ({ value: v.ipv4(r), type: 'IP_ADDRESS' }),
  IP6: (r) => ({ value: v.ipv6(r), type: 'IP_ADDRESS' }),
  KEY: (r) => v.providerKey(r),
  TOKEN: (r) => ({ value: v.randomToken(r, 32), type: 'SECRET' }),
  PASSWORD: (r) => ({ value: `${v.pick(r, ['Tr0ub4dor', 'blue-Moon', 'Kx9#mQ2p', 'winter', 'P@ssw0rd'])}${v.int(r, 10, 999)}!`, type: 'SECRET' }),
  NAME: (r) => ({ value: v.pick(r, ['Maria', 'Tom', 'Aisha', 'Jonas', 'Priya', 'Marco']) }),
  // Benign look-alikes.
  VERSION: (r) => ({ value: v.pick(r, [`${v.int(r, 0, 20)}.${v.int(r, 0, 40)}.${v.int(r, 0, 300)}`, `v${v.int(r, 1, 9)}.${v.int(r, 0, 99)}.${v.int(r, 0, 9)}`, `10.0.${v.int(r, 10000, 22631)}.${v.int(r, 100, 4000)}`]) }),
  DATE: (r) => ({ value: v.pick(r, [`${v.int(r, 1990, 2030)}-${pad(v.int(r, 1, 12))}-${pad(v.int(r, 1, 28))}`, `${pad(v.int(r, 1, 28))}.${pad(v.int(r, 1, 12))}.${v.int(r, 1990, 2030)}`, `${v.int(r, 1, 12)}/${v.int(r, 1, 28)}/${v.int(r, 1990, 2030)}`, `${v.int(r, 1990, 2030)}-${pad(v.int(r, 1, 12))}-${pad(v.int(r, 1, 28))} ${pad(v.int(r, 0, 23))}:${pad(v.int(r, 0, 59))}:${pad(v.int(r, 0, 59))}`]) }),
  PRICE: (r) => ({ value: v.pick(r, [`$${v.int(r, 1, 9)},${v.int(r, 100, 999)}.${pad(v.int(r, 0, 99))}`, `€ ${v.int(r, 1, 9)}.${v.int(r, 100, 999)},00`, `${v.int(r, 1, 999)} ${v.int(r, 100, 999)} ${v.int(r, 100, 999)} USD`, `£${v.int(r, 10, 9999)}.${pad(v.int(r, 0, 99))}`]) }),
  ORDER: (r) => ({ value: v.pick(r, [`#${v.int(r, 1000000, 99999999)}`, `A-${v.int(r, 10000000, 99999999)}`, `${v.int(r, 100, 999)}-${v.int(r, 1000000, 9999999)}-${v.int(r, 1000000, 9999999)}`, `${v.int(r, 1000000000, 9999999999)}`]) }),
  HASH: (r) => ({ value: v.pick(r, [v.hex(r, 32), v.hex(r, 40), v.hex(r, 64), v.hex(r, 7)]) }),
  UUID: (r) => ({ value: `${v.hex(r, 8)}-${v.hex(r, 4)}-4${v.hex(r, 3)}-a${v.hex(r, 3)}-${v.hex(r, 12)}` }),
  NUMBER: (r) => ({ value: v.pick(r, [`${v.int(r, 1000000, 9999999)}`, `${v.int(r, 1, 999)},${v.int(r, 100, 999)},${v.int(r, 100, 999)}`, `${v.int(r, 1, 99)}.${v.int(r, 10000, 99999999)}`, `${v.int(r, 1000, 9999)} + ${v.int(r, 1000, 9999)} = ${v.int(r, 2000, 19998)}`, `1${v.int(r, 600000000, 799999999)}${v.int(r, 100, 999)}`]) }),
  AMOUNT: (r) => ({ value: v.pick(r, [`${v.int(r, 1, 99)} ${v.int(r, 100, 999)}`, `${v.int(r, 1, 9)} ${v.int(r, 100, 999)} ${v.int(r, 100, 999)}`, `${v.int(r, 1, 99)} 000`]) }),
  ISBN: (r) => ({ value: `978-${v.int(r, 0, 9)}-${v.int(r, 10, 99)}-${v.int(r, 100000, 999999)}-${v.int(r, 0, 9)}` }),
  COORD: (r) => ({ value: `${v.int(r, -89, 89)}.${v.int(r, 1000, 9999)}, ${v.int(r, -179, 179)}.${v.int(r, 1000, 9999)}` }),
};

const pad = (n: number): string => String(n).padStart(2, '0');

export const DEV_TEMPLATES: readonly string[] = [
  'Hi, I am {NAME}. You can email me at {EMAIL} or call {PHONE}.',
  'Please charge my card {CARD} for the renewal.',
  'Wire the refund to {IBAN}, account holder {NAME}.',
  'My SSN is {SSN} and I need help filling in form W-4.',
  'The server {IP} keeps refusing connections from {IP6}.',
  'Here is my config:\nOPENAI_KEY={KEY}\nDEBUG=true',
  'Contact: {NAME} <{EMAIL}>, mobile {PHONE}',
  'curl -H "Authorization: Bearer {TOKEN}" https://api.example.com/v1/items',
  'login: {NAME}\npassword: {PASSWORD}',
  'social security number {SSN_BARE}, date of birth 1984-03-12',
  'Customer record: name={NAME}; phone={PHONE}; card={CARD}; iban={IBAN}',
  'Can you check why {EMAIL} did not receive the invoice?',
];

export const HELD_OUT_TEMPLATES: readonly string[] = [
  'Rewrite this more politely: "{NAME} here, text back on {PHONE} when you land."',
  'Translate to French: My IBAN is {IBAN} and the reference is the invoice date.',
  '{"user": {"email": "{EMAIL}", "phone": "{PHONE}", "card": "{CARD}"}}',
  'Summarize the ticket. Reporter: {EMAIL}. Callback number {PHONE}. Affected host {IP}.',
  'I accidentally pasted my key {KEY} into a public repo, what should I do?',
  'For the background check they asked for SSN {SSN}; is that normal?',
  'name,email,phone\n{NAME},{EMAIL},{PHONE}\n{NAME},{EMAIL},{PHONE}',
  'Payment failed for card ending in {CARD}. Try again?',
  'My landlord wants rent sent to {IBAN} every month, is this account in Germany?',
  'nginx log: {IP} - - "GET /index.html HTTP/1.1" 200 612 and {IP6} - - "POST /login" 401',
  'Draft an email to {EMAIL} asking to move our call; my number is {PHONE}.',
  'Why does my script fail? export API_TOKEN={TOKEN} && python run.py',
  '{NAME}\'s details: {PHONE} / {EMAIL} / SSN {SSN}',
  'Which bank issues {CARD}? It was declined at the store.',
  'db_password = "{PASSWORD}" is in settings.py, how do I move it to an env var?',
  'Ping me at {PHONE} or {EMAIL} if the deploy to {IP} breaks.',
];

export const LOOKALIKE_TEMPLATES: readonly string[] = [
  'Upgrade from {VERSION} to {VERSION} broke the build on {DATE}.',
  'The laptop costs {PRICE} and ships on {DATE}.',
  'Where is my order {ORDER}? It was due {DATE}.',
  'git cherry-pick {HASH} fails with a conflict in src/app.ts line 1204.',
  'Generate a migration for table items with id {UUID} and checksum {HASH}.',
  'Compute {NUMBER} and explain each step.',
  'The ISBN is {ISBN}; cite the book in APA style.',
  'Our office is at {COORD}; what is the nearest airport?',
  'Windows build {VERSION} released {DATE} fixes CVE-2024-30078.',
  'Population grew from {NUMBER} to {NUMBER} between 2010 and 2020.',
  'Tracking number {ORDER}, invoice {ORDER}, total {PRICE}.',
  'SELECT * FROM events WHERE ts > {NUMBER} AND id = \'{UUID}\';',
  'Explain the diff between commit {HASH} and {HASH}.',
  'Set timeout to {NUMBER} ms and retry at {DATE}.',
  'docker run -p 8080:80 -e PASSWORD=$DB_PASSWORD -e TOKEN=${API_TOKEN} nginx:{VERSION}',
  'def login(user, password):\n    token = jwt.encode({"sub": user}, key)\n    return token  # {HASH}',
  'interface Auth { token: string; password?: string; expiresAt: number }  // since {VERSION}',
  'MAC 00:1A:2B:3C:4D:5E, color #1e90ff, CAS 7732-18-5, ZIP 94105-1234, lat {COORD}',
  'Row {NUMBER}: {NUMBER} units at {PRICE}, batch {ORDER}, lot {HASH}',
  '.env.example:\nOPENAI_API_KEY=sk-...\nDATABASE_URL=postgres://user:password@localhost:5432/app',
  'Score table: 70-72-70-68=280, 71-69-72-70=282; par {NUMBER}',
  'The answer is {NUMBER}. Check: {NUMBER} / 7 = {NUMBER}.',
  // Phone words next to amounts (added with the short-number rule: 5–6 digits after "call" or before "office").
  'We need to call {AMOUNT} customers and buy {AMOUNT} office chairs before {DATE}.',
  'Reach {AMOUNT} users: the mobile app had {AMOUNT} installs and {AMOUNT} phone sessions in build {VERSION}.',
];

/** Fills a template; slots are `{NAME}` with NAME a key of SLOTS. */
export function fill(template: string, r: Random): LabelledText {
  const spans: LabelledText['spans'] = [];
  let text = '';
  let at = 0;
  for (const m of template.matchAll(/\{([A-Z0-9_]+)\}/g)) {
    const slot = SLOTS[m[1]];
    if (!slot) continue;
    text += template.slice(at, m.index);
    const { value, type } = slot(r);
    if (type) spans.push({ type, start: text.length, end: text.length + value.length });
    text += value;
    at = m.index + m[0].length;
  }
  return { text: text + template.slice(at), spans };
}

export function generate(templates: readonly string[], count: number, seed: number): LabelledText[] {
  const r = v.seeded(seed);
  return Array.from({ length: count }, (_, i) => fill(templates[i % templates.length], r));
}

/**
 * libphonenumber-js's example mobile number of every region, written the way that region writes
 * it: international format in prose, national format after "Phone:", national format in prose
 * without any phone word (the hard case).
 */
export function regionExamples(style: 'international' | 'national' | 'national-bare'): LabelledText[] {
  const out: LabelledText[] = [];
  for (const country of getCountries()) {
    const number = getExampleNumber(country, examples as never);
    if (!number) continue;
    const value = style === 'international' ? number.formatInternational() : number.formatNational();
    const before = style === 'national' ? 'Phone: ' : 'Reply to ';
    out.push({ text: `${before}${value} before noon.`, spans: [{ type: 'PHONE', start: before.length, end: before.length + value.length }] });
  }
  return out;
}
