#!/usr/bin/env node
// Requirement coverage: every R- id of requirements.md with the test files that name it.
// Run: node --import tsx scripts/requirements-coverage.mjs [--quiet]
// Exits 1 when a validation rule of the rules registry (or a helper-implemented validation) is named by no test,
// or when the registry uses an id that is not in the catalogue.
// The catalogue is looked up at $BEIAN_REQUIREMENTS, docs/requirements.md, or ../shared/spec/requirements.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const quiet = process.argv.includes('--quiet');

const candidates = [
  process.env.BEIAN_REQUIREMENTS,
  join(root, 'docs/requirements.md'),
  join(root, '../shared/spec/requirements.md'),
].filter(Boolean);
const catalogueFile = candidates.find((p) => existsSync(p));
if (!catalogueFile) {
  console.error(`requirements.md not found (tried: ${candidates.join(', ')}); set BEIAN_REQUIREMENTS`);
  process.exit(2);
}
const catalogue = readFileSync(catalogueFile, 'utf8');
const catalogueIds = [...new Set([...catalogue.matchAll(/\*\*(R-[A-Z]{3}-\d{3})\*\*/g)].map((m) => m[1]))].sort();

const { validationRuleIds } = await import('../src/modules/rules/registry.ts');
const validation = new Set(validationRuleIds());

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const tests = [...walk(join(root, 'src')), ...walk(join(root, 'test'))].sort();
const named = new Map();
for (const file of tests) {
  for (const m of readFileSync(file, 'utf8').matchAll(/R-[A-Z]{3}-\d{3}/g)) {
    if (!named.has(m[0])) named.set(m[0], new Set());
    named.get(m[0]).add(relative(root, file));
  }
}

const missing = [];
const unknown = [...validation].filter((id) => !catalogueIds.includes(id));
let covered = 0;
for (const id of catalogueIds) {
  const files = [...(named.get(id) ?? [])];
  const mark = validation.has(id) ? 'V' : ' ';
  if (files.length) covered += 1;
  else if (validation.has(id)) missing.push(id);
  if (!quiet) console.log(`${mark} ${id}  ${files.length ? files.join(', ') : '—'}`);
}
console.log('');
console.log(`catalogue: ${catalogueFile}`);
console.log(
  `${catalogueIds.length} requirements, ${covered} named by at least one test, ${validation.size} validation rules (V).`,
);
if (unknown.length) console.log(`validation ids not in the catalogue: ${unknown.join(', ')}`);
if (missing.length) console.log(`validation rules named by no test: ${missing.join(', ')}`);
process.exit(missing.length || unknown.length ? 1 : 0);
