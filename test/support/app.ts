import { createBeian } from '../../src/platform/beian.ts';
import { AdjustableClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { testDatabase } from './db.ts';

/** A whole Beian on a fresh database with a frozen, adjustable clock; requests go through app.inject(). */
export async function testApp(opts: { env?: Record<string, string>; now?: string } = {}) {
  const database = await testDatabase();
  const clock = new AdjustableClock(opts.now ?? '2026-11-02T09:00:00+08:00', { frozen: true });
  const config = loadConfig({ BEIAN_DATA_DIR: '/tmp/beian-test-unused', BEIAN_LOGIN_MAX_FAILURES: '5', ...opts.env });
  const beian = await createBeian(config, { database, clock, logger: process.env.BEIAN_TEST_LOG ? { level: 'error' } : false, ephemeralKeys: true });
  await beian.app.ready();
  return {
    ...beian,
    clock,
    async close() {
      await beian.close();
      await database.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** Signs in and returns the cookie header to send with later requests. */
export async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'beian_session');
  if (!c) throw new Error('no session cookie');
  return `beian_session=${c.value}`;
}
