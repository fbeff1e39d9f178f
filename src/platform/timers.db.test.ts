import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend, testDatabase } from '../../test/support/db.ts';
import { AdjustableClock } from './clock.ts';
import type { Database } from './db/database.ts';
import { claimDue, clearTimers, createTimerWorker, setTimer } from './timers.ts';

describe(`durable timers on ${testBackend}`, () => {
  let database: Database;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.close());

  it('concurrent claimers never claim the same due timer twice (lease with re-check)', async () => {
    const now = 1_800_000_000_000;
    await database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 120; i++) await setTimer(tx, { kind: 'k', objectId: `o${i}`, dueAt: now - i }, now);
    });
    const claims = await Promise.all(Array.from({ length: 6 }, (_, w) => claimDue(database, now, `w${w}`, 60_000, 40)));
    const again = await Promise.all(Array.from({ length: 6 }, (_, w) => claimDue(database, now, `w${w}`, 60_000, 40)));
    const ids = [...claims.flat(), ...again.flat()].map((r) => r.id);
    assert.equal(ids.length, 120, 'every due timer claimed exactly once');
    assert.equal(new Set(ids).size, 120);
    // an expired lease makes the row claimable again (a crashed worker)
    const later = await claimDue(database, now + 61_000, 'w9', 60_000, 500);
    assert.equal(later.length, 120);
  });

  it('the worker runs due handlers at least once, retries failures with backoff, and skips cleared timers', async () => {
    const clock = new AdjustableClock('2026-01-05T09:00:00+08:00', { frozen: true });
    const t0 = clock.now().getTime();
    const seen: string[] = [];
    let failOnce = true;
    await database.db.transaction().execute(async (tx) => {
      await setTimer(tx, { kind: 'ok', objectId: 'a', dueAt: t0 + 1000 }, t0);
      await setTimer(tx, { kind: 'flaky', objectId: 'b', dueAt: t0 + 1000 }, t0);
      await setTimer(tx, { kind: 'ok', objectId: 'c', dueAt: t0 + 1000 }, t0);
      await clearTimers(tx, 'c', t0);
    });
    const worker = createTimerWorker({
      database,
      clock,
      handlers: {
        ok: async (t) => void seen.push(t.object_id),
        flaky: async (t) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('transient');
          }
          seen.push(t.object_id);
        },
      },
    });
    assert.equal(await worker.runDue(), 0, 'nothing is due yet');
    clock.advance(2000);
    await worker.runDue();
    assert.deepEqual(seen.sort(), ['a']);
    clock.advance(3 * 60_000);
    await worker.runDue();
    assert.deepEqual(seen.sort(), ['a', 'b']);
  });
});
