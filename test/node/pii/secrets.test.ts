import { describe, expect, it } from 'vitest';
import { detectPii } from '../../../src/guards/pii/index';
import { found, values } from './helpers';

// Bodies built at run time so no literal here looks like a leaked key to repository scanners.
const B = 'Q2xL7pA3vK8mN1bR5tY6wZ0cE4hJ2s9fU3dG7kL1pX5vB8nM2qW4eR6tY0uI9oP3aS5dF7gH1jK3lZ5xC7vB9nM1qW3eR5tY7u';
const body = (n: number): string => B.slice(0, n);

describe('provider keys', () => {
  const cases: [string, string, string][] = [
    ['openai', `sk-proj-${body(48)}`, 'API_KEY'],
    ['openai', `sk-svcacct-${body(40)}`, 'API_KEY'],
    ['openai', `sk-${body(20)}T3BlbkFJ${body(20)}`, 'API_KEY'],
    ['sk', `sk-${body(48)}`, 'API_KEY'],
    ['anthropic', `sk-ant-api03-${body(93)}AA`, 'API_KEY'],
    ['github', `ghp_${body(36)}`, 'API_KEY'],
    ['github', `github_pat_${body(22)}_${body(59)}`, 'API_KEY'],
    ['gitlab', `glpat-${body(20)}`, 'API_KEY'],
    ['slack', `xoxb-123456789012-1234567890123-${body(24)}`, 'API_KEY'],
    ['stripe', `sk_live_${body(24)}`, 'API_KEY'],
    ['google', `AIza${body(35)}`, 'API_KEY'],
    ['aws', 'AKIAZ3MZ2JH7Q4XKLM5N', 'AWS_ACCESS_KEY'],
    ['azure', `abc8Q~${body(34)}`, 'API_KEY'],
    ['huggingface', `hf_${body(34)}`, 'API_KEY'],
    ['sendgrid', `SG.${body(22)}.${body(43)}`, 'API_KEY'],
    ['groq', `gsk_${body(52)}`, 'API_KEY'],
    ['npm', `npm_${body(36)}`, 'API_KEY'],
  ];
  for (const [provider, key, type] of cases) {
    it(`finds ${provider} ${key.slice(0, 8)}… with exact offsets`, () => {
      const text = `use KEY=${key} in prod`;
      const spans = detectPii(text);
      expect(spans).toHaveLength(1);
      expect(spans[0]).toMatchObject({ type, start: 8, end: 8 + key.length, subtype: provider });
    });
  }

  it('ignores placeholders, short bodies and keys glued into longer words', () => {
    for (const text of [
      'OPENAI_API_KEY=sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'export OPENAI_API_KEY=sk-your-api-key-here',
      `ghp_${body(20)}`,
      `task-${body(40)}`,
      'AKIAIOSFODNN7EXAMPLE',
      `xAIza${body(35)}`,
      `AIza${body(36)}`,
      'pk_live_is_a_publishable_key',
    ]) {
      expect(found(text).filter(([t]) => t === 'API_KEY' || t === 'AWS_ACCESS_KEY'), text).toEqual([]);
    }
  });
});

describe('JWT and private keys', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

  it('finds a JWT, also after Bearer (JWT beats SECRET)', () => {
    expect(found(`Authorization: Bearer ${jwt}`)).toEqual([['JWT', jwt]]);
    expect(values(`token=${jwt}&x=1`, 'JWT')).toEqual([jwt]);
  });

  it('needs a JSON header', () => {
    expect(values('eyJub3Rqc29uIjoxfQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc', 'JWT')).toEqual([]);
    expect(values('eyJhbGciOiJIUzI1NiJ9', 'JWT')).toEqual([]);
  });

  it('finds PEM private key blocks, whole, truncated or JSON-escaped', () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${body(64)}\n${body(64)}\n-----END RSA PRIVATE KEY-----`;
    expect(values(`key:\n${pem}\nthanks`, 'PRIVATE_KEY')).toEqual([pem]);
    const cut = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg${body(40)}\n${body(30)}`;
    expect(values(`${cut}\n\nwhat is this?`, 'PRIVATE_KEY')).toEqual([cut]);
    expect(values(`${cut}\nwhat is this?`, 'PRIVATE_KEY')).toEqual([cut]);
    const json = `"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEv${body(40)}\\n-----END PRIVATE KEY-----\\n"`;
    expect(values(json, 'PRIVATE_KEY')).toEqual([`-----BEGIN PRIVATE KEY-----\\nMIIEv${body(40)}\\n-----END PRIVATE KEY-----`]);
    expect(values('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', 'PRIVATE_KEY')).toEqual([]);
    expect(values('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----', 'PRIVATE_KEY')).toEqual([]);
    expect(values('What follows -----BEGIN RSA PRIVATE KEY----- in a PEM file?', 'PRIVATE_KEY')).toEqual([]);
  });
});

describe('secrets in context', () => {
  it('finds passwords, tokens and AWS secret keys after their names', () => {
    expect(found('password: hunter22!')).toEqual([['SECRET', 'hunter22!']]);
    expect(found('my password is Tr0ub4dor&3')).toEqual([['SECRET', 'Tr0ub4dor&3']]);
    expect(found('{"db_pass": "Kx9#mQ2p"}')).toEqual([['SECRET', 'Kx9#mQ2p']]);
    expect(found('api_key = "9fQ2xL7pA3vK8mN1bR5tY6wZ"')).toEqual([['SECRET', '9fQ2xL7pA3vK8mN1bR5tY6wZ']]);
    expect(found('aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8TYsRk2A')).toEqual([['SECRET', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8TYsRk2A']]);
    expect(found('Authorization: Bearer 9fQ2xL7pA3vK8mN1bR5tY6wZ0cE4')).toEqual([['SECRET', '9fQ2xL7pA3vK8mN1bR5tY6wZ0cE4']]);
    expect(found('Server=db;User Id=sa;Password=S3cr3t!pw;')).toEqual([['SECRET', 'S3cr3t!pw']]);
  });

  it('finds the password of a connection string', () => {
    expect(found('postgres://admin:S3cr3t!pw@db.example.com:5432/app')).toEqual([['SECRET', 'S3cr3t!pw']]);
    expect(found('mongodb+srv://app:pl4in@cluster0.mongodb.net/test')).toEqual([['SECRET', 'pl4in']]);
  });

  it('leaves prose, code, types and placeholders alone', () => {
    for (const text of [
      'the password is incorrect',
      'Forgot password? Your password: must be 8 characters',
      'password = request.form["password"]',
      'token: string; password: str',
      'const token = getAccessToken();',
      'api_key = os.environ.get("API_KEY")',
      'password=${DB_PASSWORD}',
      'password: <your password>',
      'postgres://user:password@localhost:5432/db',
      'http://localhost:8080/path',
      'Password: myPassword',
      'max_tokens: 4096',
      'passport: X1234567',
      'primary_key: id',
      'keyboard: qwertz1234',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });
});
