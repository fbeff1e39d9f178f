import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AdjustableClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { loadPiiCrypto } from '../../platform/crypto/boot.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { createNotifications } from './index.ts';
import { TEMPLATE_IDS } from './templates.ts';
import { parseMail } from './testing.ts';
import type { NotificationLog } from './transports.ts';

function capture() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const log: NotificationLog = {
    info: (obj, msg) => lines.push({ level: 'info', msg, obj }),
    warn: (obj, msg) => lines.push({ level: 'warn', msg, obj }),
    error: (obj, msg) => lines.push({ level: 'error', msg, obj }),
  };
  return { lines, log };
}

async function boot(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'beian-ntf-boot-'));
  const config = loadConfig({ BEIAN_DATA_DIR: dataDir, ...env });
  const database = openDatabase(':memory:');
  await migrateToLatest(database);
  const clock = new AdjustableClock('2026-11-02T09:00:00+08:00', { frozen: true });
  const pii = loadPiiCrypto(config, { ephemeral: true });
  const n = createNotifications({ database, clock, config, pii });
  const now = clock.now().getTime();
  const id = await database.db.transaction().execute((tx) =>
    n.enqueue(
      tx,
      {
        channel: 'email',
        to: 'zhang@example.com',
        template: 'R-NTF-015',
        lang: 'zh',
        payload: { domain: 'example-exp.cn' },
        eventRef: 'a|domain-expired|account',
      },
      now,
    ),
  );
  return { n, database, dataDir, id: id ?? '' };
}

describe('mail transport chosen at boot', () => {
  test('production without SMTP_URL: the boot logs an error and email stays pending in the outbox (never dropped)', async () => {
    const { n, database, id } = await boot({
      BEIAN_MODE: 'production',
      BEIAN_PII_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      // production boots only with a real bureau account (issue 6); nothing here talks to it
      BEIAN_BUREAU_URL: 'https://bureau.example.invalid',
      BEIAN_BUREAU_ISP_ID: '110000000211',
      BEIAN_BUREAU_USER: 'beian',
      BEIAN_BUREAU_PASSWORD: 'secret',
    });
    const { lines, log } = capture();
    n.useLog(log);
    assert.equal(n.mailer, null);
    assert.ok(lines.some((l) => l.level === 'error' && /NO EMAIL WILL BE DELIVERED/.test(l.msg)));
    assert.deepEqual(await n.worker.runDue(), { sent: 0, retried: 0, dead: 0 });
    const row = await database.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'pending', attempts: 0 });
    await database.close();
  });

  test('demo without SMTP_URL: the development sink writes the message as an .eml file and marks the row sent', async () => {
    const { n, database, dataDir, id } = await boot({});
    const { lines, log } = capture();
    n.useLog(log);
    assert.equal(n.mailer?.name, 'sink');
    assert.ok(lines.some((l) => l.level === 'warn' && /development sink/.test(l.msg)));
    assert.deepEqual(await n.worker.runDue(), { sent: 1, retried: 0, dead: 0 });
    const files = readdirSync(join(dataDir, 'mail-sink'));
    assert.deepEqual(files, [`${id}.eml`]);
    const mail = parseMail(readFileSync(join(dataDir, 'mail-sink', files[0]), 'utf8'), ['zhang@example.com']);
    assert.equal(mail.messageId, `<${id}@beian.localhost>`);
    assert.match(mail.subject, /已备案域名 example-exp\.cn 已过期/);
    assert.match(mail.text, /及时提交注销备案申请/);
    const row = await database.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    await database.close();
  });
});

describe('README', () => {
  test('the module README lists every template', () => {
    const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8');
    for (const id of TEMPLATE_IDS) assert.match(readme, new RegExp(`\\| \`${id}\` \\|`), `${id} is documented`);
  });
});
