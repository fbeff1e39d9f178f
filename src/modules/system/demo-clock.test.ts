import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';

describe('demo clock', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'beian-demo-clock-'));
    t = await testApp({ env: { BEIAN_MODE: 'demo', BEIAN_DATA_DIR: dir, BEIAN_BUREAU_SIM_PORT: '0' } });
    await t.bureau.start();
    await t.accounts.createUser({ email: 'admin@example.com', password: 'admin-password', role: 'admin' });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-BUR-002 R-BUR-011: advancing the demo clock moves the in-process bureau simulator by the same amount', async () => {
    const sim = t.bureau.simulator();
    assert.ok(sim, 'demo mode without BEIAN_BUREAU_URL runs the simulator in-process');
    const before = { beian: t.clock.now().getTime(), bureau: sim.sim.clock.now().getTime() };
    const cookie = await signIn(t, 'admin@example.com', 'admin-password');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/clock/advance',
      headers: { cookie },
      payload: { days: 21 },
    });
    assert.equal(res.statusCode, 200, res.body);
    const day = 86_400_000;
    assert.equal(t.clock.now().getTime() - before.beian, 21 * day);
    // the simulator's clock runs (it is not frozen), so allow the seconds the test itself took
    const moved = sim.sim.clock.now().getTime() - before.bureau;
    assert.ok(moved >= 21 * day && moved < 21 * day + 60_000, `simulator moved ${moved} ms`);
  });
});
