import { Value } from 'typebox/value';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import {
  PROVIDER_CONFIG_KEY,
  type ProviderConfig,
  ProviderConfigSchema,
  parseProviderConfig,
} from './provider-config.ts';

/** The provider configuration in `settings`: read on use (it is small), written whole, every change audited. */
export function createProviderConfigStore(deps: { database: Database; defaults: ProviderConfig }) {
  const { db } = deps.database;

  async function get(): Promise<ProviderConfig> {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', PROVIDER_CONFIG_KEY)
      .executeTakeFirst();
    return parseProviderConfig(row?.value, deps.defaults);
  }

  async function put(next: ProviderConfig, actor: Actor, at: number, requestId?: string): Promise<ProviderConfig> {
    if (!Value.Check(ProviderConfigSchema, next))
      throw new DomainError('VALIDATION_FAILED', { reason: 'PROVIDER_CONFIG_INVALID' });
    const before = await get();
    const changed = (Object.keys(next) as (keyof ProviderConfig)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]),
    );
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('settings').where('key', '=', PROVIDER_CONFIG_KEY).execute();
      await tx
        .insertInto('settings')
        .values({ key: PROVIDER_CONFIG_KEY, value: JSON.stringify(next), updated_at: at })
        .execute();
      await appendAudit(
        tx,
        {
          actor,
          action: 'provider_config.updated',
          objectType: 'settings',
          objectId: PROVIDER_CONFIG_KEY,
          requestId,
          details: { changed },
        },
        at,
      );
    });
    return get();
  }

  return { get, put };
}

export type ProviderConfigStore = ReturnType<typeof createProviderConfigStore>;
