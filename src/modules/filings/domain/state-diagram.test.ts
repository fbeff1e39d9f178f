import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

test('R-ORD-001 §17: docs/state-diagram.md matches the transition table (scripts/state-diagram.ts --check)', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/state-diagram.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr || run.stdout);
  const doc = readFileSync(`${root}docs/state-diagram.md`, 'utf8');
  assert.match(doc, /stateDiagram-v2/);
  for (let i = 1; i <= 24; i++) {
    const t = `T${String(i).padStart(2, '0')}`;
    if (t !== 'T20') assert.ok(doc.includes(`${t} `), `${t} missing from the diagram`);
  }
  assert.match(doc, /PENDING_BUREAU --> APPROVED : T18 BUREAU_APPROVE/);
});
