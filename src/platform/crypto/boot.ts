import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { BlindIndexer, Keyring } from './pii.ts';

export interface PiiCrypto {
  keyring: Keyring;
  indexer: BlindIndexer;
}

/**
 * Production takes the keyring from BEIAN_PII_KEYS (config refuses to boot without it). Demo mode creates one
 * secrets file under BEIAN_DATA_DIR on first start, so a demo works with no setup and keeps its data readable
 * across restarts. The blind-index secret is derived separately from the data keys so key rotation keeps indexes.
 */
export function loadPiiCrypto(
  config: Pick<Config, 'BEIAN_PII_KEYS' | 'dataDir'>,
  opts: { ephemeral?: boolean } = {},
): PiiCrypto {
  if (opts.ephemeral) {
    return {
      keyring: Keyring.fromConfig(`k1:${randomBytes(32).toString('base64')}`),
      indexer: new BlindIndexer(randomBytes(32)),
    };
  }
  const file = join(config.dataDir, 'secrets.json');
  let stored: { piiKeys: string; blindIndexKey: string } | undefined;
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  if (!stored) {
    stored = {
      piiKeys: config.BEIAN_PII_KEYS ?? `k1:${randomBytes(32).toString('base64')}`,
      blindIndexKey: randomBytes(32).toString('base64'),
    };
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    keyring: Keyring.fromConfig(config.BEIAN_PII_KEYS ?? stored.piiKeys),
    indexer: BlindIndexer.fromBase64(stored.blindIndexKey),
  };
}
