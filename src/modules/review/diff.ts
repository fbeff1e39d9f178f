/**
 * What changed in a draft since the last rejection (R-REJ-002: the customer edits the flagged items and may leave
 * the rest), so the reviewer of the resubmission sees the edits next to the reasons they answer. Pure.
 */
export type Scalar = string | number | boolean | null;

export interface FieldChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: Scalar | undefined;
  after: Scalar | undefined;
  /** Codes of the rejection reasons whose field contains this one. */
  flaggedBy: string[];
}

export interface FlaggedField {
  code: string;
  field: string;
  /** Whether anything at or inside the flagged field changed. */
  changed: boolean;
}

export interface DraftDiff {
  changes: FieldChange[];
  flagged: FlaggedField[];
}

/** Every leaf of a JSON value, keyed by its draft path (`websites[0].domains[1]`). Empty objects and arrays vanish. */
export function flatten(value: unknown, prefix = '', out: Map<string, Scalar> = new Map()): Map<string, Scalar> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      flatten(v, `${prefix}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix) {
    out.set(prefix, value as Scalar);
  }
  return out;
}

/** Whether `path` is `field` or lies inside it (`websites[0].name` is inside `websites[0]`). */
function inside(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}

export function diffDrafts(
  before: unknown,
  after: unknown,
  reasons: readonly { code: string; field: string }[] = [],
): DraftDiff {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort(comparePaths);
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (a.has(path) && b.has(path) && x === y) continue;
    changes.push({
      path,
      kind: !a.has(path) ? 'added' : !b.has(path) ? 'removed' : 'changed',
      before: x,
      after: y,
      flaggedBy: reasons.filter((r) => inside(path, r.field)).map((r) => r.code),
    });
  }
  const flagged = reasons.map((r) => ({
    code: r.code,
    field: r.field,
    changed: changes.some((c) => inside(c.path, r.field)),
  }));
  return { changes, flagged };
}

/** Orders paths as the form shows them: by segment, with array indices numerically. */
function comparePaths(p: string, q: string): number {
  const split = (s: string) => s.split(/[.[\]]+/).filter(Boolean);
  const a = split(p);
  const b = split(q);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const na = Number(a[i]);
    const nb = Number(b[i]);
    if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
    return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}
