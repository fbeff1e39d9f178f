import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { beijingDate } from '../calendar/index.ts';
import { authCodeGenerationRefusal, isServerExpired } from '../rules/eligibility.ts';
import { serverFacts } from './facts.ts';
import { type ServersService, toServerView } from './servers.service.ts';

/** R-ACC-021: AVAILABLE → RESERVED (order created) → CONSUMED (bureau approval) | AVAILABLE (abandoned/expired); INVALID when the server expires. */
export type AuthCodeState = 'AVAILABLE' | 'RESERVED' | 'CONSUMED' | 'INVALID';

// 16 characters from an alphabet without look-alikes (0/O, 1/I/L), so codes survive being read out on the phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function newCode(): string {
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export function createAuthCodesService(deps: { database: Database; clock: Clock; servers: ServersService }) {
  const { db } = deps.database;
  const today = () => beijingDate(deps.clock.now());

  async function countGenerated(tx: Tx, serverId: string): Promise<number> {
    const r = await tx
      .selectFrom('auth_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('server_id', '=', serverId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** R-ACC-017/018/019: free, at most 5 ever per server, only for eligible mainland prepaid servers. */
  async function generate(actor: Actor, serverId: string) {
    return db.transaction().execute(async (tx) => {
      const rows = await tx.selectFrom('servers').selectAll().where('account_id', '=', actor.id!).execute();
      const views = rows.map(toServerView);
      const target = views.find((s) => s.id === serverId);
      const generated = target ? await countGenerated(tx, target.id) : 0;
      const refusal = authCodeGenerationRefusal(
        target ? serverFacts(target, generated) : undefined,
        views.map((v) => serverFacts(v)),
        today(),
      );
      if (refusal)
        throw new DomainError('RULE_VIOLATION', {
          reason: refusal.code,
          message: refusal.message,
          details: { rule: refusal.rule },
        });
      const t = deps.clock.now().getTime();
      const row = {
        id: newId(),
        code: newCode(),
        server_id: target!.id,
        owner_account_id: actor.id!,
        state: 'AVAILABLE',
        order_id: null,
        created_at: t,
        updated_at: t,
      };
      await tx.insertInto('auth_codes').values(row).execute();
      await appendAudit(
        tx,
        {
          actor,
          action: 'auth_code.generate',
          objectType: 'server',
          objectId: target!.id,
          details: { codeId: row.id },
        },
        t,
      );
      return {
        id: row.id,
        code: row.code,
        serverId: row.server_id,
        state: row.state as AuthCodeState,
        createdAt: t,
        generatedCount: generated + 1,
      };
    });
  }

  /** Codes of the account's servers (R-ACC-024). A code whose server has expired shows INVALID (R-ACC-021). */
  async function listForAccount(accountId: string) {
    const rows = await db
      .selectFrom('auth_codes')
      .innerJoin('servers', 'servers.id', 'auth_codes.server_id')
      .select([
        'auth_codes.id',
        'auth_codes.code',
        'auth_codes.state',
        'auth_codes.server_id',
        'auth_codes.order_id',
        'auth_codes.created_at',
        'servers.expires_at',
        'servers.public_ip',
        'servers.name',
      ])
      .where('auth_codes.owner_account_id', '=', accountId)
      .orderBy('auth_codes.created_at')
      .execute();
    const d = today();
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      serverId: r.server_id,
      serverName: r.name,
      ip: r.public_ip,
      state: (r.state !== 'CONSUMED' && r.expires_at <= d ? 'INVALID' : r.state) as AuthCodeState,
      orderId: r.order_id,
      createdAt: r.created_at,
    }));
  }

  /** Revoking invalidates an unused code; it still counts towards the 5 (R-ACC-018: generated, not live). */
  async function revoke(actor: Actor, codeId: string) {
    await db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('auth_codes')
        .selectAll()
        .where('id', '=', codeId)
        .where('owner_account_id', '=', actor.id!)
        .executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', { reason: 'AUTH_CODE_NOT_FOUND' });
      if (row.state !== 'AVAILABLE')
        throw new DomainError('CONFLICT', {
          reason: 'CODE_IN_USE',
          message: {
            zh: '授权码已被订单占用或已使用，不能撤销',
            en: 'The code is held by an order or already used; it cannot be revoked',
          },
        });
      const t = deps.clock.now().getTime();
      await tx.updateTable('auth_codes').set({ state: 'INVALID', updated_at: t }).where('id', '=', codeId).execute();
      await appendAudit(tx, { actor, action: 'auth_code.revoke', objectType: 'auth_code', objectId: codeId }, t);
    });
  }

  /** Looks a code up as the verify step sees it (R-ACC-020..023). */
  async function lookup(tx: Tx, code: string) {
    const row = await tx
      .selectFrom('auth_codes')
      .selectAll()
      .where('code', '=', code.trim().toUpperCase())
      .executeTakeFirst();
    if (!row) return null;
    const server = await tx.selectFrom('servers').selectAll().where('id', '=', row.server_id).executeTakeFirst();
    const view = toServerView(server!);
    const expired = isServerExpired(serverFacts(view), today());
    return {
      row,
      server: view,
      effectiveState: (row.state !== 'CONSUMED' && expired ? 'INVALID' : row.state) as AuthCodeState,
      serverExpired: expired,
    };
  }

  return { generate, listForAccount, revoke, lookup };
}
export type AuthCodesService = ReturnType<typeof createAuthCodesService>;
