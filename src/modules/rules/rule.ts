import type { LocalizedText } from '../../platform/i18n.ts';
import type { CheckContext } from './context.ts';
import type { FilingDraft, OrderType, Province, SubjectType } from './draft.ts';
import type { Severity, Violation } from './violation.ts';

/** Where a rule applies. An absent list means "all". */
export interface RuleScope {
  provinces?: readonly Province[];
  subjectTypes?: readonly SubjectType[];
  orderTypes?: readonly OrderType[];
}

/**
 * One catalogue rule (DESIGN decision 2): a pure function of the draft and the context, with its R- id, the stable
 * code it reports, its default severity, the field it is about (a path pattern such as `websites[].domains[]`), its
 * scope and the date it takes effect. `check` returns every violation it finds, never throws for bad input.
 */
export interface RuleDef {
  id: string;
  code: string;
  severity: Severity;
  field: string;
  scope: RuleScope;
  /** Civil date from which the rule applies (R-PRV-001: the rule set in force on the day of the check). */
  effectiveFrom?: string;
  title: LocalizedText;
  check(draft: FilingDraft, ctx: CheckContext): Violation[];
}

export interface ViolationInit {
  rule: string;
  code: string;
  field: string;
  zh: string;
  en: string;
  fixZh?: string;
  fixEn?: string;
  severity?: Severity;
}

/** Builds a Violation with its bilingual message and, where given, the bilingual fix. */
export function violation(v: ViolationInit): Violation {
  const out: Violation = {
    rule: v.rule,
    code: v.code,
    severity: v.severity ?? 'block',
    field: v.field,
    message: { zh: v.zh, en: v.en },
  };
  if (v.fixZh !== undefined || v.fixEn !== undefined) out.fix = { zh: v.fixZh ?? '', en: v.fixEn ?? '' };
  return out;
}

/**
 * Shorthand for rules with one code: `report(field, msg, fix?)` fills in the rule id, code and severity.
 * The severity can be overridden per finding (e.g. R-WEB-013 blocks only in some provinces).
 */
export type Reporter = (
  field: string,
  message: LocalizedText,
  fix?: LocalizedText,
  overrides?: { code?: string; severity?: Severity },
) => Violation;

export function reporter(def: Pick<RuleDef, 'id' | 'code' | 'severity'>): Reporter {
  return (field, message, fix, overrides) => {
    const out: Violation = {
      rule: def.id,
      code: overrides?.code ?? def.code,
      severity: overrides?.severity ?? def.severity,
      field,
      message,
    };
    if (fix) out.fix = fix;
    return out;
  };
}

/** Defines a rule whose check receives a ready-made reporter; keeps the rule files short and uniform. */
export function defineRule(
  def: Omit<RuleDef, 'check'> & { check(draft: FilingDraft, ctx: CheckContext, report: Reporter): Violation[] },
): RuleDef {
  const report = reporter(def);
  return { ...def, check: (draft, ctx) => def.check(draft, ctx, report) };
}

/** True when the rule applies to this draft and day (scope filter of checkFiling). */
export function ruleApplies(rule: RuleDef, draft: FilingDraft, ctx: CheckContext): boolean {
  if (rule.effectiveFrom && rule.effectiveFrom > ctx.today) return false;
  const { provinces, subjectTypes, orderTypes } = rule.scope;
  if (provinces && (!draft.province || !provinces.includes(draft.province))) return false;
  if (subjectTypes && (!draft.subject?.type || !subjectTypes.includes(draft.subject.type))) return false;
  if (orderTypes && (!draft.orderType || !orderTypes.includes(draft.orderType))) return false;
  return true;
}
