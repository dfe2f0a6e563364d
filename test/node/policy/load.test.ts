import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PolicyError, parsePolicy } from '../../../src/policy/load';

const valid = readFileSync('policies/default.yaml', 'utf8');

function problems(text: string) {
  try {
    parsePolicy(text, 'p.yaml');
  } catch (err) {
    if (err instanceof PolicyError) return err.problems;
    throw err;
  }
  return [];
}

describe('policy files', () => {
  it('every shipped policy is valid', () => {
    for (const f of readdirSync('policies').filter((f) => f.endsWith('.yaml'))) {
      expect(() => parsePolicy(readFileSync(`policies/${f}`, 'utf8'), f), f).not.toThrow();
    }
  });

  it('a wrong value is reported with its file, line and field', () => {
    const text = valid.replace('action: block, mode: enforce, on_error: closed, timeout_ms: 50 }', 'action: destroy, mode: enforce, on_error: closed, timeout_ms: 50 }');
    const [p] = problems(text);
    const line = text.split('\n').findIndex((l) => l.includes('action: destroy')) + 1;
    expect(p).toMatchObject({ file: 'p.yaml', line, field: 'guards.input[0].action' });
    expect(p!.message).toMatch(/block, redact, flag or route/);
  });

  it('a misspelt key is an error, not a silently ignored setting', () => {
    const text = valid.replace('restore_redacted: true', 'restore_redactd: true');
    const [p] = problems(text);
    expect(p!.field).toBe('guards.restore_redactd');
    expect(p!.message).toMatch(/unknown key "restore_redactd"/);
    expect(p!.line).toBe(text.split('\n').findIndex((l) => l.includes('restore_redactd')) + 1);
  });

  it('on_error has no hidden default: leaving it out is an error', () => {
    const text = valid.replace('action: flag, mode: enforce, on_error: open, timeout_ms: 50 }', 'action: flag, mode: enforce, timeout_ms: 50 }');
    const found = problems(text);
    expect(found.some((p) => p.field.endsWith('.on_error'))).toBe(true);
  });

  it('references to unknown tiers and providers are reported where they are written', () => {
    const text = valid.replace('above: large', 'above: huge');
    const [p] = problems(text);
    expect(p).toMatchObject({ field: 'routing.above', line: text.split('\n').findIndex((l) => l.includes('above: huge')) + 1 });
    expect(p!.message).toMatch(/unknown tier "huge"/);
  });

  it('YAML syntax errors carry a line too', () => {
    const [p] = problems('providers:\n  a: [unclosed\n');
    expect(p!.line).toBeGreaterThan(0);
  });
});
