import type { LocalizedText } from '../../platform/i18n.ts';

/** block = the action is refused; warn = it succeeds and the warning is shown (requirements.md §0.2). */
export type Severity = 'block' | 'warn';

/**
 * One broken rule, as returned by every rule function and carried unchanged to the API, the CLI and the browser.
 * `rule` is the catalogue id (R-…); `code` is the named error code where the catalogue gives one, else the rule id.
 */
export interface Violation {
  rule: string;
  code: string;
  severity: Severity;
  /** Path into the filing draft, e.g. `websites[0].domains[1]` or `subject.certificateNumber`. */
  field: string;
  message: LocalizedText;
  fix?: LocalizedText;
}
