/**
 * The admin's province-override form edits a value of the kind the rule already has: a switch for booleans, a
 * number for `bureauWorkingDays`, text for the curtain text, JSON for lists and objects. The server checks the value
 * against its key (`validateOverride`); this only turns the form's input into the value to send.
 */
export type ValueKind = 'boolean' | 'number' | 'string' | 'json';

export function valueKind(current: unknown): ValueKind {
  if (typeof current === 'boolean') return 'boolean';
  if (typeof current === 'number') return 'number';
  if (typeof current === 'string') return 'string';
  return 'json';
}

/** The value to send, or an error for JSON that does not parse. */
export function parseOverrideInput(kind: ValueKind, raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (kind === 'json') {
    if (typeof raw !== 'string') return { ok: false };
    try {
      return { ok: true, value: JSON.parse(raw) };
    } catch {
      return { ok: false };
    }
  }
  if (kind === 'number')
    return typeof raw === 'number' && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
  if (kind === 'boolean') return { ok: true, value: raw === true };
  return typeof raw === 'string' && raw.trim() ? { ok: true, value: raw.trim() } : { ok: false };
}

/** The form's initial input for a kind, from the value in force. */
export function initialInput(kind: ValueKind, current: unknown): unknown {
  return kind === 'json' ? JSON.stringify(current, null, 2) : current;
}
