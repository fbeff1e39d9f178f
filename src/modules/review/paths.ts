/**
 * Draft field paths as rules, reasons and the console write them: `websites[0].domains[1]`, and the patterns of the
 * catalogue (`websites[].domains`, `*.mobile`). No imports: the console uses the same functions.
 */
export type Segment = { key: string } | { index: number };

/** `websites[0].domains[1]` → key/index segments; null when the text is not a path. */
export function parseFieldPath(path: string): Segment[] | null {
  if (!/^[A-Za-z][A-Za-z0-9]*(\[\d{1,3}\]|\.[A-Za-z][A-Za-z0-9]*)*$/.test(path)) return null;
  const out: Segment[] = [];
  for (const m of path.matchAll(/([A-Za-z][A-Za-z0-9]*)|\[(\d+)\]/g)) {
    out.push(m[1] !== undefined ? { key: m[1] } : { index: Number(m[2]) });
  }
  return out;
}

/** `websites[3].domains[0]` → `websites[].domains[]`: the pattern form of a concrete path. */
export function toPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** Whether a concrete field lies at or inside one of the catalogue patterns. */
export function fieldMatches(path: string, patterns: readonly string[]): boolean {
  const p = toPattern(path);
  return patterns.some((pattern) => {
    if (pattern.startsWith('*.')) {
      const tail = pattern.slice(1); // '.mobile'
      return p.endsWith(tail) || p.includes(`${tail}.`) || p.includes(`${tail}[`);
    }
    return p === pattern || p.startsWith(`${pattern}.`) || p.startsWith(`${pattern}[`);
  });
}

/** Every path of a JSON value, containers included (`websites`, `websites[0]`, `websites[0].name`), in order. */
export function allPaths(value: unknown, prefix = '', out: string[] = []): string[] {
  if (prefix) out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) allPaths(v, `${prefix}[${i}]`, out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (v !== undefined) allPaths(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/**
 * The fields of this draft a reason may be attached to, for the rejection form: every existing path inside one of
 * the reason's patterns, plus the plain patterns themselves (a missing field is a fine thing to flag).
 */
export function candidateFields(draft: unknown, patterns: readonly string[]): string[] {
  const plain = patterns.filter((p) => !p.includes('[]') && !p.startsWith('*.'));
  const found = allPaths(draft).filter((p) => fieldMatches(p, patterns));
  return [...new Set([...plain, ...found])];
}
