/**
 * Violations name draft fields with paths such as `websites[0].domains[1]` or `subjectPrincipal.mobile`
 * (src/modules/rules/violation.ts); antd forms name them with arrays (`['websites', 0, 'domains', 1]`). These
 * helpers translate between the two and decide which wizard step owns a path, so that every message lands at its
 * field — and a message whose field is not on screen still shows at the top of its step.
 */

export type NamePath = readonly (string | number)[];

export function fieldKey(path: NamePath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

export function parseFieldKey(key: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of key.matchAll(/([^.[\]]+)|\[(\d*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined && m[2] !== '') out.push(Number(m[2]));
  }
  return out;
}

/** True when `key` is `prefix` itself or lies under it (`websites[0]` covers `websites[0].name`). */
export function isUnder(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`);
}

export const WIZARD_STEPS = ['subject', 'principals', 'websites', 'materials', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** What the step logic needs of a violation or a rejection reason. */
export interface FieldMessage {
  field: string;
  rule?: string;
  code: string;
}

const MATERIAL_CODES = /^(MATERIAL|MATERIALS_|PHOTO_|CURTAIN_|CERT_IMAGE|SEAL_|LEGAL_REP_AUTH_MISSING)/;

/**
 * The step where a message is fixed. Material rules (R-MAT-…) name the website they belong to (`websites[0]`),
 * yet they are fixed by uploading, so they belong to the materials step.
 */
export function stepOf(m: FieldMessage): WizardStep {
  const f = m.field.replace(/^\*\./, '');
  if (isUnder(f, 'materials') || m.rule?.startsWith('R-MAT') || MATERIAL_CODES.test(m.code)) return 'materials';
  if (/^websites\[\d*\]\.(principal|principalSameAsSubject)/.test(f) || isUnder(f, 'subjectPrincipal'))
    return 'principals';
  if (f.startsWith('websites') || f === 'existingWebsites') return 'websites';
  if (
    isUnder(f, 'subject') ||
    ['province', 'city', 'district', 'subjectFilingNumber', 'existingSubject'].some((p) => isUnder(f, p))
  )
    return 'subject';
  // '*.mobile' style paths name a kind of field anywhere: principals hold every phone number
  if (m.field.startsWith('*.')) return 'principals';
  return 'review';
}

/**
 * Messages of a step that no rendered field shows: parent paths (`subjectPrincipal`), patterns (`websites[]`) or
 * fields the step does not render. They go into the list at the top of the step.
 */
export function unplaced<T extends FieldMessage>(
  messages: readonly T[],
  step: WizardStep,
  rendered: ReadonlySet<string>,
): T[] {
  return messages.filter((m) => stepOf(m) === step && !rendered.has(m.field));
}
