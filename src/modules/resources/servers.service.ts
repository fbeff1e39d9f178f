import type { Clock } from '../../platform/clock.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError, refuse } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import type { ServerInputT } from './servers.schema.ts';

export interface ServerView {
  id: string;
  externalId: string | null;
  accountId: string;
  name: string;
  region: string;
  regionKind: string;
  billingMode: string;
  prepaidMonths: number;
  purchasedAt: string;
  expiresAt: string;
  publicIp: string | null;
  isLoadBalancer: boolean;
  syncedAt: number;
}

type ServerRow = Awaited<ReturnType<typeof getServerRow>>;
async function getServerRow(tx: Tx, id: string) {
  return tx.selectFrom('servers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function toServerView(r: NonNullable<ServerRow>): ServerView {
  return {
    id: r.id,
    externalId: r.external_id,
    accountId: r.account_id,
    name: r.name,
    region: r.region,
    regionKind: r.region_kind,
    billingMode: r.billing_mode,
    prepaidMonths: r.prepaid_months,
    purchasedAt: r.purchased_at,
    expiresAt: r.expires_at,
    publicIp: r.public_ip,
    isLoadBalancer: r.is_load_balancer === 1,
    syncedAt: r.synced_at,
  };
}

export function createServersService({ database, clock }: { database: Database; clock: Clock }) {
  const { db } = database;

  async function resolveAccount(tx: Tx, input: ServerInputT): Promise<string> {
    const q = tx.selectFrom('users').select(['id', 'role']);
    const row = input.accountNo
      ? await q.where('account_no', '=', input.accountNo).executeTakeFirst()
      : input.accountEmail
        ? await q.where('email', '=', input.accountEmail.trim().toLowerCase()).executeTakeFirst()
        : undefined;
    if (!row)
      throw refuse(
        'VALIDATION_FAILED',
        'ACCOUNT_NOT_FOUND',
        '找不到服务器所属账号',
        'The owning account does not exist',
        { externalId: input.externalId },
      );
    return row.id;
  }

  /** Idempotent by externalId: purchase, renewal and expiry events all land here (issue 4 §1). */
  async function upsert(input: ServerInputT, actor: Actor, tx?: Tx): Promise<{ server: ServerView; created: boolean }> {
    if (input.expiresAt < input.purchasedAt)
      throw refuse(
        'VALIDATION_FAILED',
        'EXPIRY_BEFORE_PURCHASE',
        '到期日早于购买日',
        'The expiry date is before the purchase date',
      );
    const run = async (t: Tx) => {
      const accountId = await resolveAccount(t, input);
      const now = clock.now().getTime();
      const existing = await t
        .selectFrom('servers')
        .selectAll()
        .where('external_id', '=', input.externalId)
        .executeTakeFirst();
      const values = {
        account_id: accountId,
        name: input.name,
        region: input.region,
        region_kind: input.regionKind,
        billing_mode: input.billingMode,
        prepaid_months: input.prepaidMonths,
        purchased_at: input.purchasedAt,
        expires_at: input.expiresAt,
        public_ip: input.publicIp ?? null,
        is_load_balancer: input.isLoadBalancer ? 1 : 0,
        updated_at: now,
      };
      let id: string;
      if (existing) {
        id = existing.id;
        await t.updateTable('servers').set(values).where('id', '=', id).execute();
      } else {
        id = newId();
        await t
          .insertInto('servers')
          .values({ ...values, id, external_id: input.externalId, synced_at: now, created_at: now })
          .execute();
      }
      await appendAudit(
        t,
        {
          actor,
          action: existing ? 'server.update' : 'server.create',
          objectType: 'server',
          objectId: id,
          details: { externalId: input.externalId, expiresAt: input.expiresAt },
        },
        now,
      );
      const row = await getServerRow(t, id);
      return { server: toServerView(row!), created: !existing };
    };
    return tx ? run(tx) : db.transaction().execute(run);
  }

  async function importMany(inputs: ServerInputT[], actor: Actor) {
    // all or nothing: a half-imported inventory is worse than a refused file
    return db.transaction().execute(async (tx) => {
      const out = [];
      for (const [i, input] of inputs.entries()) {
        try {
          out.push(await upsert(input, actor, tx));
        } catch (err) {
          if (err instanceof DomainError)
            throw new DomainError(err.code, {
              reason: err.reason,
              message: err.localized,
              details: { ...err.details, row: i + 1 },
            });
          throw err;
        }
      }
      return out;
    });
  }

  async function listForAccount(accountId: string): Promise<ServerView[]> {
    const rows = await db
      .selectFrom('servers')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .execute();
    return rows.map(toServerView);
  }

  async function listAll(): Promise<ServerView[]> {
    const rows = await db.selectFrom('servers').selectAll().orderBy('created_at').execute();
    return rows.map(toServerView);
  }

  async function get(id: string): Promise<ServerView | undefined> {
    const row = await getServerRow(db, id);
    return row ? toServerView(row) : undefined;
  }

  return { upsert, importMany, listForAccount, listAll, get };
}
export type ServersService = ReturnType<typeof createServersService>;
