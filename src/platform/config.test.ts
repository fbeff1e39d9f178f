import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bureauAccountOf } from '../modules/bureau/credentials.ts';
import { ConfigError, configMarkdown, loadConfig, redactConfig } from './config.ts';

/** Issue 6: the provider's real bureau account is configuration; production refuses to boot without it. */

const PII = `k1:${randomBytes(32).toString('base64')}`;
const ACCOUNT = {
  BEIAN_BUREAU_URL: 'https://icp-bureau.example.gov.cn:8443',
  BEIAN_BUREAU_ISP_ID: '440000000123',
  BEIAN_BUREAU_USER: 'provider-gd',
  BEIAN_BUREAU_PASSWORD: 'Bureau-Pw-0001',
};
const KEY = 'k3Y-0f-16-bytes!';
const IV = '0102030405060708';
const prod = (env: Record<string, string> = {}) =>
  loadConfig({ BEIAN_MODE: 'production', BEIAN_PII_KEYS: PII, BEIAN_DATA_DIR: '/tmp/beian-cfg', ...env });

function refusesNaming(env: Record<string, string>, variable: string, secret?: string) {
  assert.throws(
    () => prod(env),
    (e: Error) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.match(e.message, new RegExp(`Invalid configuration: ${variable}=`));
      if (secret) assert.ok(!e.message.includes(secret), 'the secret is not echoed');
      return true;
    },
  );
}

describe('bureau account configuration (issue 6)', () => {
  it('R-BUR-001: production without BEIAN_BUREAU_URL refuses to boot, naming the variable', () => {
    const { BEIAN_BUREAU_URL: _u, ...rest } = ACCOUNT;
    refusesNaming(rest, 'BEIAN_BUREAU_URL');
  });

  it('R-BUR-001: production without the account refuses to boot, naming each missing variable', () => {
    refusesNaming({ BEIAN_BUREAU_URL: ACCOUNT.BEIAN_BUREAU_URL }, 'BEIAN_BUREAU_ISP_ID');
    refusesNaming({ ...ACCOUNT, BEIAN_BUREAU_USER: '' }, 'BEIAN_BUREAU_USER');
    refusesNaming({ ...ACCOUNT, BEIAN_BUREAU_PASSWORD: '' }, 'BEIAN_BUREAU_PASSWORD');
  });

  it('bad values refuse to boot naming the variable; secrets are never echoed', () => {
    refusesNaming({ ...ACCOUNT, BEIAN_BUREAU_ISP_ID: 'isp-abc' }, 'BEIAN_BUREAU_ISP_ID');
    refusesNaming(
      { ...ACCOUNT, BEIAN_BUREAU_AES_KEY: 'short-key-1', BEIAN_BUREAU_AES_IV: IV },
      'BEIAN_BUREAU_AES_KEY',
      'short-key-1',
    );
    refusesNaming(
      { ...ACCOUNT, BEIAN_BUREAU_AES_KEY: KEY, BEIAN_BUREAU_AES_IV: '0102' },
      'BEIAN_BUREAU_AES_IV',
      '0102',
    );
    refusesNaming({ ...ACCOUNT, BEIAN_BUREAU_AES_KEY: KEY }, 'BEIAN_BUREAU_AES_IV');
    refusesNaming({ ...ACCOUNT, BEIAN_BUREAU_AES_IV: IV }, 'BEIAN_BUREAU_AES_KEY');
    refusesNaming({ ...ACCOUNT, BEIAN_BUREAU_ENCRYPT: 'true' }, 'BEIAN_BUREAU_AES_KEY');
    refusesNaming({ ...ACCOUNT, BEIAN_BUREAU_ENCRYPT: 'maybe' }, 'BEIAN_BUREAU_ENCRYPT');
  });

  it('a partial account is refused in demo mode too; demo mode without one keeps the simulator defaults', () => {
    assert.throws(
      () => loadConfig({ BEIAN_BUREAU_ISP_ID: '110000000211' }),
      /Invalid configuration: BEIAN_BUREAU_USER=/,
    );
    const demo = loadConfig({ BEIAN_DATA_DIR: '/tmp/beian-cfg' });
    assert.equal(demo.BEIAN_BUREAU_URL, undefined);
    assert.deepEqual(bureauAccountOf(demo), {});
  });

  it('the account reaches the bureau module: ispId, user, password, AES key and IV, and the encryption switch', () => {
    const c = prod({ ...ACCOUNT, BEIAN_BUREAU_AES_KEY: KEY, BEIAN_BUREAU_AES_IV: IV, BEIAN_BUREAU_ENCRYPT: 'false' });
    assert.deepEqual(bureauAccountOf(c), {
      credentials: {
        ispId: 440000000123,
        userName: 'provider-gd',
        password: 'Bureau-Pw-0001',
        aes: { key: KEY, iv: IV },
      },
      encryptUploads: false,
    });
    assert.equal(bureauAccountOf(prod(ACCOUNT)).encryptUploads, undefined, 'default: encrypt when a key is given');
  });

  it('printing the configuration (`beian config`, logs) redacts every secret, also passwords inside URLs', () => {
    const c = prod({
      ...ACCOUNT,
      BEIAN_BUREAU_AES_KEY: KEY,
      BEIAN_BUREAU_AES_IV: IV,
      SMTP_URL: 'smtp://mailer:Smtp-Secret-9@smtp.example.com:587',
      DATABASE_URL: 'postgres://beian:Db-Secret-7@db.example.com/beian',
    });
    const printed = JSON.stringify(c);
    for (const secret of ['Bureau-Pw-0001', KEY, IV, PII.slice(3), 'Smtp-Secret-9', 'Db-Secret-7'])
      assert.ok(!printed.includes(secret), `${secret} is not printed`);
    const shown = JSON.parse(printed);
    assert.equal(shown.BEIAN_BUREAU_PASSWORD, '[redacted]');
    assert.equal(shown.BEIAN_BUREAU_USER, 'provider-gd');
    assert.equal(shown.BEIAN_BUREAU_ISP_ID, 440000000123);
    assert.match(shown.SMTP_URL, /^smtp:\/\/mailer:redacted@smtp\.example\.com:587/);
    // the values themselves are intact for the code that needs them
    assert.equal(c.BEIAN_BUREAU_PASSWORD, 'Bureau-Pw-0001');
    assert.equal(redactConfig(c).BEIAN_BUREAU_AES_IV, '[redacted]');
  });

  it('docs/CONFIGURATION.md documents the bureau account variables and is what `beian config --markdown` prints', () => {
    const md = configMarkdown();
    assert.equal(
      readFileSync(join(import.meta.dirname, '../../docs/CONFIGURATION.md'), 'utf8').trimEnd(),
      md,
      'regenerate: node bin/beian.mjs config --markdown > docs/CONFIGURATION.md',
    );
    for (const v of [
      'BEIAN_BUREAU_ISP_ID',
      'BEIAN_BUREAU_USER',
      'BEIAN_BUREAU_PASSWORD',
      'BEIAN_BUREAU_AES_KEY',
      'BEIAN_BUREAU_AES_IV',
      'BEIAN_BUREAU_ENCRYPT',
    ])
      assert.match(md, new RegExp(`\\| \`${v}\` \\|`));
  });
});
