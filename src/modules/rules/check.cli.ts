import { Value } from 'typebox/value';
import { checkFiling } from './check.ts';
import type { CheckContext } from './context.ts';
import { isCivilDate } from './dates.ts';
import { contextWithDefaults } from './defaults.ts';
import { FilingDraftSchema } from './draft.ts';
import type { Violation } from './violation.ts';

/**
 * `beian check FILE.json [--json] [--lang en]`: checks a filing draft offline. The file holds
 * `{ "draft": FilingDraft, "context": Partial<CheckContext> }`. Exit code 1 when anything blocks, 2 on bad usage or
 * an unreadable file, else 0.
 *
 * The file is read through `process.getBuiltinModule` rather than an import, so that this module, like the rest of
 * the rules folder, has no `node:` import and cannot break a browser bundle that happens to include it.
 */

const USAGE = 'usage: beian check FILE.json [--json] [--lang zh|en]';

async function readText(path: string): Promise<string> {
  const fs = process.getBuiltinModule('node:fs/promises');
  return fs.readFile(path, 'utf8');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function line(v: Violation, lang: 'zh' | 'en'): string[] {
  const sev = v.severity === 'block' ? (lang === 'zh' ? '阻断' : 'BLOCK') : lang === 'zh' ? '警告' : 'WARN ';
  const out = [`${sev}  ${v.field}  ${v.code} (${v.rule})`, `       ${v.message[lang]}`];
  if (v.fix?.[lang]) out.push(`       ${lang === 'zh' ? '建议' : 'fix'}: ${v.fix[lang]}`);
  return out;
}

export async function runCheckCli(args: string[], out: (s: string) => void): Promise<number> {
  const json = args.includes('--json');
  const langAt = args.indexOf('--lang');
  const lang: 'zh' | 'en' = langAt >= 0 && args[langAt + 1] === 'en' ? 'en' : 'zh';
  const files = args.filter((a, i) => !a.startsWith('--') && !(langAt >= 0 && i === langAt + 1));
  if (files.length !== 1) {
    out(USAGE);
    return 2;
  }
  const file = files[0];
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(file));
  } catch (err) {
    out(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (!isObject(parsed) || !isObject(parsed.draft)) {
    out(`${file}: expected { "draft": {...}, "context": {...} }`);
    return 2;
  }
  const draft = parsed.draft;
  if (!Value.Check(FilingDraftSchema, draft)) {
    const errors = [...Value.Errors(FilingDraftSchema, draft)].slice(0, 20);
    if (json)
      out(JSON.stringify({ schemaErrors: errors.map((e) => ({ path: e.instancePath, message: e.message })) }, null, 2));
    else for (const e of errors) out(`schema: ${e.instancePath || '/'} ${e.message}`);
    return 2;
  }
  const partial = (isObject(parsed.context) ? parsed.context : {}) as Partial<CheckContext>;
  if (partial.today !== undefined && !isCivilDate(partial.today)) {
    out(`${file}: context.today must be a date 'YYYY-MM-DD'`);
    return 2;
  }
  const result = checkFiling(draft, contextWithDefaults(partial));
  if (json) {
    out(JSON.stringify(result, null, 2));
  } else {
    const blocks = result.violations.filter((v) => v.severity === 'block').length;
    const warns = result.violations.length - blocks;
    for (const v of result.violations) for (const l of line(v, lang)) out(l);
    out(
      lang === 'zh'
        ? `${file}: ${blocks} 个阻断问题，${warns} 个警告（规则集 ${result.ruleSetVersion}）`
        : `${file}: ${blocks} blocking, ${warns} warning(s) (rule set ${result.ruleSetVersion})`,
    );
  }
  return result.blocking ? 1 : 0;
}
