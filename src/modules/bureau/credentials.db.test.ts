import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testApp } from '../../../test/support/app.ts';
import { testBackend, testDatabase, whileMigrating } from '../../../test/support/db.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import { startBureauSimulator } from './simulator/http.ts';

/**
 * Issue 6: in production Beian talks to the bureau with the account from the configuration — ispId, user, password
 * and the AES key/IV of the spec's envelope — here a simulated bureau that knows only that account and encrypts what
 * it sends.
 */
describe(`the bureau account from the configuration (${testBackend})`, () => {
  it('R-BUR-001: production mode logs in with BEIAN_BUREAU_* and reads and writes AES-encrypted files', async () => {
    const account = { ispId: 440000000123, userName: 'provider-gd', password: 'Bureau-Pw-0001' };
    const aes = { key: 'k3Y-0f-16-bytes!', iv: '0102030405060708' };
    const simDatabase = await testDatabase();
    const sim = await whileMigrating(() =>
      startBureauSimulator({
        port: 0,
        database: simDatabase,
        clock: new AdjustableClock('2026-11-02T09:00:00+08:00', { frozen: true }),
        tickMs: 0,
        token: 'credentials-test',
        providers: [{ ...account, name: '广东示例接入商', aes, encryptDownloads: true }],
      }),
    );
    const t = await testApp({
      env: {
        BEIAN_MODE: 'production',
        BEIAN_PII_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        BEIAN_BUREAU_URL: sim.url,
        BEIAN_BUREAU_ISP_ID: String(account.ispId),
        BEIAN_BUREAU_USER: account.userName,
        BEIAN_BUREAU_PASSWORD: account.password,
        BEIAN_BUREAU_AES_KEY: aes.key,
        BEIAN_BUREAU_AES_IV: aes.iv,
        BEIAN_BUREAU_ENCRYPT: 'true',
      },
    });
    try {
      assert.equal(t.bureau.adapter().ispId, account.ispId);
      await sim.sim.controls.probe({
        ispId: account.ispId,
        sites: [{ domain: 'example-gd-unfiled.cn', ip: '203.0.113.90' }],
      });
      const r = await t.bureau.sync.sync();
      assert.deepEqual([r.files, r.findings, r.blocked, r.reports], [1, 1, 1, 1]);
      const row = await t.database.db
        .selectFrom('access_domains')
        .select(['decision', 'reason'])
        .where('domain', '=', 'example-gd-unfiled.cn')
        .executeTakeFirst();
      assert.deepEqual(row, { decision: 'block', reason: 'NOT_FILED' });
      // the WBACLJG report reached the bureau under this provider's id (the simulator decrypted it with the key)
      const uploads = await sim.sim.controls.uploads(account.ispId);
      assert.deepEqual(
        uploads.map((u) => u.ops),
        [['ICP.WBACLJG']],
      );
    } finally {
      await sim.close();
      await t.close();
      await simDatabase.close();
    }
  });

  it('R-BUR-001: demo mode with a configured account runs the in-process simulator with that account', async () => {
    const dataDir = join(tmpdir(), `beian-cred-${randomBytes(4).toString('hex')}`);
    const t = await testApp({
      env: {
        BEIAN_BUREAU_SIM_PORT: '0',
        BEIAN_DATA_DIR: dataDir,
        BEIAN_BUREAU_ISP_ID: '320000000555',
        BEIAN_BUREAU_USER: 'demo-js',
        BEIAN_BUREAU_PASSWORD: 'Demo-Js-Pw-1',
      },
    });
    try {
      await t.bureau.start();
      const sim = t.bureau.simulator();
      assert.ok(sim);
      assert.deepEqual(
        sim.sim.providers.map((p) => p.ispId),
        [320000000555, 110000000299],
      );
      await sim.sim.controls.probe({ ispId: 320000000555, sites: [{ domain: 'example-js.cn', ip: '203.0.113.92' }] });
      assert.equal((await t.bureau.sync.sync()).blocked, 1);
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('R-BUR-001: a wrong bureau password is refused by the bureau; the sync reports it and applies nothing', async () => {
    const simDatabase = await testDatabase();
    const sim = await whileMigrating(() =>
      startBureauSimulator({
        port: 0,
        database: simDatabase,
        clock: new AdjustableClock('2026-11-02T09:00:00+08:00', { frozen: true }),
        tickMs: 0,
        token: 'credentials-test-2',
        providers: [{ ispId: 440000000124, userName: 'provider-gd2', password: 'Right-Pw-0002', name: '示例' }],
      }),
    );
    const t = await testApp({
      env: {
        BEIAN_MODE: 'production',
        BEIAN_PII_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        BEIAN_BUREAU_URL: sim.url,
        BEIAN_BUREAU_ISP_ID: '440000000124',
        BEIAN_BUREAU_USER: 'provider-gd2',
        BEIAN_BUREAU_PASSWORD: 'Wrong-Pw-0002',
      },
    });
    try {
      await sim.sim.controls.probe({ ispId: 440000000124, sites: [{ domain: 'example-gd2.cn', ip: '203.0.113.91' }] });
      await assert.rejects(t.bureau.sync.sync());
      const n = await t.database.db
        .selectFrom('access_domains')
        .select('domain')
        .where('domain', '=', 'example-gd2.cn')
        .executeTakeFirst();
      assert.equal(n, undefined);
    } finally {
      await sim.close();
      await t.close();
      await simDatabase.close();
    }
  });
});
