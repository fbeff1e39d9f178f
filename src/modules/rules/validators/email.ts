/**
 * A pragmatic e-mail check: one @, a dot-atom local part, and a host with a dot. Full RFC 5322 would accept
 * addresses no mail system the bureau uses can deliver to.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isValidEmail(input: string): boolean {
  const s = input.trim();
  if (s.length > 254) return false;
  const at = s.lastIndexOf('@');
  if (at <= 0 || at !== s.indexOf('@')) return false;
  const local = s.slice(0, at);
  const host = s.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = host.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => LABEL.test(l) || /^xn--[a-z0-9-]+$/i.test(l))) return false;
  return /^[A-Za-z]{2,}$|^xn--/i.test(labels[labels.length - 1]);
}
