import { Value } from 'typebox/value';
import { type FilingDraft, FilingDraftSchema, type Material } from '../../../../src/modules/rules/draft.ts';

/**
 * Form values → a FilingDraft the API accepts. antd leaves '' in cleared inputs and undefined in untouched ones;
 * the draft schema wants such fields absent. Strings inside arrays (domains, IPs) stay as they are, even when empty,
 * so that a message about `websites[0].domains[1]` still points at the second input.
 */
export function cleanDraft<T>(value: T): T {
  return clean(value, false) as T;
}

function clean(v: unknown, inArray: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => clean(x, true)).filter((x) => x !== undefined);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = clean(x, false);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  if (v === null || v === undefined) return undefined;
  if (v === '' && !inArray) return undefined;
  return v;
}

/** Schema errors (length limits, date formats) as field messages, so nothing the server would refuse is sent. */
export function draftSchemaErrors(draft: FilingDraft): { field: string; code: string; message: string }[] {
  if (Value.Check(FilingDraftSchema, draft)) return [];
  return Value.Errors(FilingDraftSchema, draft)
    .filter((e) => e.keyword !== 'boolean')
    .map((e) => ({
      field: e.instancePath
        .split('/')
        .filter(Boolean)
        .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`))
        .join('')
        .replace(/^\./, ''),
      code: `SCHEMA_${e.keyword.toUpperCase()}`,
      message: e.message,
    }));
}

/** The draft's material for a slot (kind + website), if uploaded. */
export function materialFor(materials: readonly Material[] | undefined, kind: string, websiteIndex?: number) {
  return (materials ?? []).find(
    (m) =>
      m.kind === kind && (websiteIndex === undefined ? m.websiteIndex === undefined : m.websiteIndex === websiteIndex),
  );
}

/** Puts `m` into the slot it belongs to (replacing the previous upload of that slot). */
export function withMaterial(materials: readonly Material[] | undefined, m: Material): Material[] {
  const rest = (materials ?? []).filter(
    (x) => !(x.kind === m.kind && (x.websiteIndex ?? -1) === (m.websiteIndex ?? -1)),
  );
  return [...rest, m];
}

export function withoutMaterial(materials: readonly Material[] | undefined, kind: string, websiteIndex?: number) {
  return (materials ?? []).filter((x) => !(x.kind === kind && (x.websiteIndex ?? -1) === (websiteIndex ?? -1)));
}
