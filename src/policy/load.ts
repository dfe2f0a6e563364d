import { isNode, LineCounter, parseDocument, visit } from 'yaml';
import { checkReferences, type Policy, policySchema } from './schema';

/**
 * Parses and validates a policy file. Used at build time and by the CLI (never in the Worker,
 * which receives policies already validated): every problem is reported with its file, line and
 * field, e.g. `policies/strict.yaml:14:7 guards.input[0].action: block, redact, flag or route:<tier>`.
 */
export interface PolicyProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export class PolicyError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PolicyError';
  }
}

export const formatProblem = (p: PolicyProblem) => `${p.file}:${p.line}:${p.column} ${p.field ? `${p.field}: ` : ''}${p.message}`;

const fieldName = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

export function parsePolicy(text: string, file: string): Policy {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => lines.linePos(offset ?? 0);
  if (doc.errors.length) {
    throw new PolicyError(doc.errors.map((e) => ({ file, ...lineCol(at(e.pos[0])), field: '', message: e.message.split('\n')[0]! })));
  }
  const problemAt = (path: readonly PropertyKey[], message: string): PolicyProblem => {
    // Point at the deepest node that exists on the path: a missing key points at its parent.
    let node: unknown;
    for (let n = path.length; n >= 0 && !node; n--) {
      const candidate = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(candidate)) node = candidate;
    }
    const range = isNode(node) ? node.range : undefined;
    return { file, ...lineCol(at(range?.[0])), field: fieldName(path), message };
  };

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // e.g. an alias (`*name`) whose anchor does not exist: reported at the first alias, like any problem.
    let offset: number | undefined;
    visit(doc, { Alias: (_, node) => ((offset = node.range?.[0]), visit.BREAK) });
    throw new PolicyError([{ file, ...lineCol(at(offset)), field: '', message: (err as Error).message.split('\n')[0]! }]);
  }
  const result = policySchema.safeParse(data);
  if (!result.success) {
    throw new PolicyError(
      result.error.issues.map((i) =>
        // An unknown key is reported at the key itself, not at the object holding it.
        i.code === 'unrecognized_keys' ? problemAt([...i.path, i.keys[0]!], `unknown key "${i.keys.join('", "')}"`) : problemAt(i.path, i.message),
      ),
    );
  }
  const refs = checkReferences(result.data);
  if (refs.length) throw new PolicyError(refs.map((i) => problemAt(i.path, i.message)));
  return result.data;
}

function lineCol(pos: { line: number; col: number }) {
  return { line: pos.line, column: pos.col };
}
