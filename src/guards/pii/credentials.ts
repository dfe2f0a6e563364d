// Secrets known only by their context: the value after a credential name ("password=…",
// "api_key: …", "AWS_SECRET_ACCESS_KEY=…"), after an Authorization scheme ("Bearer …"), and the
// password inside a URL's userinfo ("postgres://user:pw@host"). The value, not the name, is the span.

import { entropy, isAsciiLetter, isDigit, isSpace, isTokenChar } from './chars';
import type { PiiSpan } from './types';

// Stems that can start a credential name; the whole name is then judged by its words.
// (pass|pwd|secret|token|key|auth|bearer|credential|sig=, grouped by first letter: no stem is a
// prefix of another, so the matches are the same, and the engine tests fewer branches per character.)
const STEMS = /p(?:ass|wd)|s(?:ecret|ig=)|token|key|auth|bearer|credential/gi;

// Words of a name (split at _ - . and camelCase) that make it a credential name.
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'passcode', 'pw']);
const SECRET_WORDS = new Set(['secret', 'token', 'apikey', 'credential', 'credentials', 'auth', 'sig', 'accountkey', 'sharedaccesskey', 'bearer', 'authorization']);
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'client', 'auth', 'signing', 'master', 'encryption', 'account', 'subscription', 'service', 'app', 'shared', 'session']);
// Names that contain a stem but are not credentials.
const NOT_CREDENTIAL = new Set(['passport', 'passenger', 'passage', 'compass', 'bypass', 'keyboard', 'keyword', 'monkey', 'turkey', 'hockey', 'donkey', 'jockey', 'whiskey']);

const SCHEMES = new Set(['bearer', 'basic', 'token', 'digest', 'apikey']);

// Values that name or describe a secret instead of being one.
const PLACEHOLDER = /^(?:<.*>|\$\{?\w+\}?|\{\{.*\}\}|%\w+%|\[.*\]|\*+|x+|\.+|null|none|nil|undefined|true|false|string|str|bytes|int|number|boolean|bool|any|optional|required|env|secret|password|passwd|pass|pwd|token|changeme|redacted|hidden|masked|\w*(?:your|example|placeholder|dummy|here|xxxx|\.\.\.)\w*)$/i;

// Example values in tutorials and code: "myPassword", "my_password", "test_secret_123".
const EXAMPLE = /^(?:my|your|the|some|test|example|sample|dummy|fake|default|new|old)[_\-]?(?:pass(?:word)?|pwd|secret|token|key)\w*$/i;

const MAX_VALUE = 256;

export function detectCredentials(text: string, out: PiiSpan[]): void {
  STEMS.lastIndex = 0;
  for (let m = STEMS.exec(text); m !== null; m = STEMS.exec(text)) {
    const end = credentialAt(text, m.index, out);
    if (end > STEMS.lastIndex) STEMS.lastIndex = end;
  }
  detectUrlPasswords(text, out);
}

/** Looks for "name <sep> value" around a stem at `at`; returns where scanning may continue. */
function credentialAt(text: string, at: number, out: PiiSpan[]): number {
  let nameStart = at;
  while (nameStart > 0 && at - nameStart < 48 && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  let nameEnd = at;
  while (nameEnd < text.length && nameEnd - at < 48 && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  const name = text.slice(nameStart, nameEnd);
  const kind = nameKind(name);
  if (kind === undefined) return nameEnd;
  // Separator: optional closing quote, then ":", "=", ":=", "=>", "is", or (for schemes) a space.
  let i = nameEnd;
  if (text[i] === '"' || text[i] === "'") i++;
  i = skipBlanks(text, i);
  const sep = /^(?::=|=>|[:=]|is\b|was\b)/.exec(text.slice(i, i + 4));
  if (sep) i = skipBlanks(text, i + sep[0].length);
  else if (kind !== 'bearer') return nameEnd;
  if (text[i] === '"' || text[i] === "'" || text[i] === '`') i++;
  // "Authorization: Bearer <token>": the value is the token after the scheme.
  const word = readValue(text, i);
  if (SCHEMES.has(text.slice(i, word).toLowerCase()) && text.charCodeAt(word) === 32) {
    i = skipBlanks(text, word);
    return accept(text, i, readValue(text, i), 'bearer', out);
  }
  return accept(text, i, word, kind, out);
}

type Kind = 'password' | 'token' | 'bearer' | 'aws';

const LOWER_WORD = /^[a-z]+$/;

function nameKind(name: string): Kind | undefined {
  // A plain lower-case word (most stems in prose: "key", "tokens", "author") is its only word.
  const words = LOWER_WORD.test(name) ? [name] : name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.\-]+/).filter((w) => w !== '');
  if (words.some((w) => NOT_CREDENTIAL.has(w))) return undefined;
  const last = words[words.length - 1];
  if (words.length === 1 && (last === 'bearer')) return 'bearer';
  if (words.some((w) => PASSWORD_WORDS.has(w))) return 'password';
  const aws = words.includes('aws') || (words.includes('secret') && words.includes('access'));
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (SECRET_WORDS.has(w) || (w === 'key' && k > 0 && KEY_QUALIFIERS.has(words[k - 1]))) return aws ? 'aws' : 'token';
    if (w.endsWith('key') && KEY_QUALIFIERS.has(w.slice(0, -3))) return aws ? 'aws' : 'token';
  }
  return undefined;
}

function accept(text: string, start: number, end: number, kind: Kind, out: PiiSpan[]): number {
  const value = text.slice(start, end);
  if (!isSecretValue(value, kind)) return end;
  out.push({ type: 'SECRET', start, end, confidence: kind === 'password' ? 0.75 : 0.85, subtype: kind });
  return end;
}

/** Is `value` a secret rather than code, a type name, a placeholder or an English word? */
export function isSecretValue(value: string, kind: Kind): boolean {
  if (value.length < (kind === 'password' ? 6 : 16) || value.length > MAX_VALUE) return false;
  if (PLACEHOLDER.test(value) || EXAMPLE.test(value)) return false;
  // Code, not a literal: calls, indexing, attribute paths ("os.environ", "self.password").
  if (/[()[\]{}<>]/.test(value) || /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(value)) return false;
  if (/^(?:process\.env|os\.environ|env\.|import\.meta)/.test(value)) return false;
  let letters = 0;
  let digits = 0;
  let others = 0;
  let upper = false;
  let lower = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isAsciiLetter(c)) {
      letters++;
      // An inner capital ("hunTer", "PassW0rd"), not a capitalised word ("Summer").
      if (c < 97) upper = upper || i > 0;
      else lower = true;
    } else if (isDigit(c)) digits++;
    else others++;
  }
  if (kind === 'password') {
    // A word ("password: forgotten", "password is incorrect") is prose; a password mixes classes.
    const classes = (digits > 0 ? 1 : 0) + (others > 0 ? 1 : 0) + (upper && lower ? 1 : 0);
    return classes >= 1 && !(letters === 0 && others === 0 && value.length < 8);
  }
  // Tokens and keys: long, mixed, and not a readable identifier ("token: refresh_token_expired").
  // Random base62 without a digit still has about as many capitals as small letters; camelCase
  // names ("getAccessTokenHandler") have few.
  if (letters === 0) return false;
  if (digits === 0) {
    let capitals = 0;
    for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 65 && value.charCodeAt(i) <= 90) capitals++;
    const share = capitals / letters;
    if (value.length < 20 || share < 0.25 || share > 0.75) return false;
  }
  return entropy(value) >= 3.2;
}

function isNameChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 95 || c === 45 || c === 46;
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** End of a value: up to whitespace, a quote, or a separator that ends an assignment. */
function readValue(text: string, i: number): number {
  const limit = Math.min(text.length, i + MAX_VALUE + 1);
  let j = i;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (isSpace(c) || c === 34 || c === 39 || c === 96 || c === 44 || c === 59) break;
    // "&" inside a password is fine; "&next=" is the next query parameter.
    if (c === 38 && /^&\w+=/.test(text.slice(j, j + 40))) break;
    j++;
  }
  // Sentence punctuation after a value is not part of it.
  while (j > i && (text.charCodeAt(j - 1) === 46 || text.charCodeAt(j - 1) === 41)) j--;
  return j;
}

/** scheme://user:password@host — the password is the secret. */
function detectUrlPasswords(text: string, out: PiiSpan[]): void {
  let from = 0;
  for (;;) {
    const sep = text.indexOf('://', from);
    if (sep < 0) return;
    from = sep + 3;
    let i = from;
    const limit = Math.min(text.length, from + 128);
    while (i < limit && isUserChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 58) continue;
    const start = i + 1;
    let j = start;
    while (j < limit && text.charCodeAt(j) !== 64 && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 47) j++;
    if (text.charCodeAt(j) !== 64 || j === start) continue;
    const value = text.slice(start, j);
    if (PLACEHOLDER.test(value) || /^\d+$/.test(value)) continue;
    out.push({ type: 'SECRET', start, end: j, confidence: 0.9, subtype: 'url-password' });
    from = j;
  }
}

function isUserChar(c: number): boolean {
  return isTokenChar(c) && c !== 47 && c !== 61;
}
