import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { type Database, isUniqueViolation } from '../../platform/db/database.ts';
import { newId, randomDigits } from '../../platform/db/ids.ts';
import { DomainError, refuse } from '../../platform/errors.ts';
import { type Actor, appendAudit, ROLES, type Role } from '../audit/audit.repository.ts';
import { findActiveToken, findSession, findUserByEmail, findUserById } from './accounts.repository.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';

export const USER_ROLES = ['customer', 'reviewer', 'photo_agent', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Machine roles an API token may carry: edge proxies, photo points, the provider's billing system, admin scripts. */
export const TOKEN_ROLES = ['edge', 'photo_agent', 'billing', 'admin', 'reviewer'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const HOUR = 3_600_000;

export interface AccountsDeps {
  database: Database;
  clock: Clock;
  config: Pick<
    Config,
    'BEIAN_SESSION_TTL_HOURS' | 'BEIAN_SESSION_IDLE_HOURS' | 'BEIAN_LOGIN_MAX_FAILURES' | 'BEIAN_LOGIN_LOCK_MINUTES'
  >;
}

export interface PublicUser {
  id: string;
  accountNo: string;
  email: string;
  role: UserRole;
  displayName: string;
}

const toPublic = (u: {
  id: string;
  account_no: string;
  email: string;
  role: string;
  display_name: string;
}): PublicUser => ({
  id: u.id,
  accountNo: u.account_no,
  email: u.email,
  role: u.role as UserRole,
  displayName: u.display_name,
});

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createAccountsService({ database, clock, config }: AccountsDeps) {
  const { db } = database;
  const now = () => clock.now().getTime();

  async function createUser(
    input: { email: string; password: string; role: UserRole; displayName?: string },
    actor?: Actor,
  ) {
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    const t = now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = {
        id: newId(),
        account_no: `1000${randomDigits(8)}`,
        email,
        password_hash: passwordHash,
        role: input.role,
        display_name: input.displayName?.trim() || email.split('@')[0],
        mobile_enc: null,
        disabled: 0,
        created_at: t,
        updated_at: t,
      };
      try {
        await db.transaction().execute(async (tx) => {
          await tx.insertInto('users').values(row).execute();
          await appendAudit(
            tx,
            {
              actor: actor ?? { id: row.id, role: input.role },
              action: 'user.create',
              objectType: 'user',
              objectId: row.id,
              details: { role: input.role },
            },
            t,
          );
        });
        return toPublic(row);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        if (await findUserByEmail(db, email)) throw new DomainError('EMAIL_TAKEN', { reason: 'EMAIL_TAKEN' });
        // account_no collision: draw again
      }
    }
    throw new DomainError('CONFLICT', { reason: 'ACCOUNT_NO_EXHAUSTED' });
  }

  /** Throttle keys: the email and the client address, so neither a guessed account nor a spraying client gets far. */
  async function checkThrottle(keys: string[]) {
    const t = now();
    const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
    const locked = rows.find((r) => r.locked_until !== null && r.locked_until > t);
    if (locked) {
      const retryAfterS = Math.ceil(((locked.locked_until ?? t) - t) / 1000);
      throw new DomainError('TOO_MANY_REQUESTS', {
        reason: 'LOGIN_THROTTLED',
        message: {
          zh: `登录失败次数过多，请 ${Math.ceil(retryAfterS / 60)} 分钟后再试`,
          en: `Too many failed sign-ins; retry in ${Math.ceil(retryAfterS / 60)} min`,
        },
        details: { retryAfterSeconds: retryAfterS },
      });
    }
  }

  async function recordFailure(keys: string[]) {
    const t = now();
    const lockMs = config.BEIAN_LOGIN_LOCK_MINUTES * 60_000;
    await db.transaction().execute(async (tx) => {
      for (const key of keys) {
        const row = await tx.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
        // a failure streak older than the lock window starts over
        const fresh = !row || t - row.first_failure_at > lockMs || (row.locked_until !== null && row.locked_until <= t);
        const failures = fresh ? 1 : row.failures + 1;
        const lockedUntil = failures >= config.BEIAN_LOGIN_MAX_FAILURES ? t + lockMs : null;
        if (row) {
          await tx
            .updateTable('login_throttle')
            .set({ failures, first_failure_at: fresh ? t : row.first_failure_at, locked_until: lockedUntil })
            .where('key', '=', key)
            .execute();
        } else {
          await tx
            .insertInto('login_throttle')
            .values({ key, failures, first_failure_at: t, locked_until: lockedUntil })
            .execute();
        }
      }
    });
  }

  async function signIn(input: {
    email: string;
    password: string;
    ip?: string;
    userAgent?: string;
    previousSessionToken?: string;
  }) {
    const email = normalizeEmail(input.email);
    const keys = [`email:${email}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
    await checkThrottle(keys);
    const user = await findUserByEmail(db, email);
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
    if (!user || !ok || user.disabled) {
      await recordFailure(keys);
      await db
        .transaction()
        .execute((tx) =>
          appendAudit(
            tx,
            {
              actor: { id: user?.id ?? null, role: (user?.role as Role) ?? 'customer' },
              action: 'session.sign_in_failed',
              objectType: 'user',
              objectId: user?.id,
              ip: input.ip,
            },
            now(),
          ),
        );
      throw new DomainError('INVALID_CREDENTIALS', { reason: 'INVALID_CREDENTIALS' });
    }
    await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
    const token = randomBytes(32).toString('base64url');
    const t = now();
    await db.transaction().execute(async (tx) => {
      // rotation: a session token presented at sign-in is never reused (session fixation)
      if (input.previousSessionToken)
        await tx.deleteFrom('sessions').where('id', '=', sha256(input.previousSessionToken)).execute();
      await tx
        .insertInto('sessions')
        .values({
          id: sha256(token),
          user_id: user.id,
          created_at: t,
          last_seen_at: t,
          expires_at: t + config.BEIAN_SESSION_TTL_HOURS * HOUR,
          ip: input.ip ?? null,
          user_agent: input.userAgent?.slice(0, 200) ?? null,
        })
        .execute();
      await appendAudit(
        tx,
        {
          actor: { id: user.id, role: user.role as Role },
          action: 'session.sign_in',
          objectType: 'user',
          objectId: user.id,
          ip: input.ip,
        },
        t,
      );
    });
    return { token, user: toPublic(user), expiresAt: t + config.BEIAN_SESSION_TTL_HOURS * HOUR };
  }

  async function signOut(token: string, actor: Actor) {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
      await appendAudit(
        tx,
        { actor, action: 'session.sign_out', objectType: 'user', objectId: actor.id ?? undefined },
        now(),
      );
    });
  }

  /** Resolves a session cookie to an actor, enforcing absolute and idle lifetimes. */
  async function actorFromSession(token: string): Promise<(Actor & { user: PublicUser }) | null> {
    const s = await findSession(db, sha256(token));
    const t = now();
    if (!s || s.disabled || s.expires_at <= t || t - s.last_seen_at > config.BEIAN_SESSION_IDLE_HOURS * HOUR)
      return null;
    // touch at most once a minute: keeps the idle clock honest without a write per request
    if (t - s.last_seen_at > 60_000)
      await db.updateTable('sessions').set({ last_seen_at: t }).where('id', '=', s.session_id).execute();
    const user = toPublic({
      id: s.id,
      account_no: s.account_no,
      email: s.email,
      role: s.role,
      display_name: s.display_name,
    });
    return {
      id: s.id,
      role: s.role as Role,
      accountId: s.role === 'customer' ? s.id : undefined,
      email: s.email,
      user,
    };
  }

  async function actorFromToken(token: string): Promise<Actor | null> {
    const row = await findActiveToken(db, sha256(token));
    if (!row) return null;
    const t = now();
    if (!row.last_used_at || t - row.last_used_at > 60_000)
      await db.updateTable('api_tokens').set({ last_used_at: t }).where('id', '=', row.id).execute();
    return { id: row.user_id ?? row.id, role: row.role as Role, tokenId: row.id };
  }

  async function createToken(input: { name: string; role: TokenRole; userId?: string }, actor: Actor) {
    if (!(TOKEN_ROLES as readonly string[]).includes(input.role))
      throw refuse('VALIDATION_FAILED', 'TOKEN_ROLE', '令牌角色无效', 'Unknown token role');
    const token = `bnt_${randomBytes(24).toString('base64url')}`;
    const row = {
      id: newId(),
      name: input.name,
      token_hash: sha256(token),
      role: input.role,
      user_id: input.userId ?? null,
      created_by: actor.id,
      created_at: now(),
      last_used_at: null,
      revoked_at: null,
    };
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('api_tokens').values(row).execute();
      await appendAudit(
        tx,
        {
          actor,
          action: 'token.create',
          objectType: 'api_token',
          objectId: row.id,
          details: { name: input.name, role: input.role },
        },
        row.created_at,
      );
    });
    return { id: row.id, name: row.name, role: row.role, token };
  }

  async function listTokens() {
    const rows = await db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role', 'user_id', 'created_at', 'last_used_at', 'revoked_at'])
      .orderBy('created_at', 'desc')
      .execute();
    return rows;
  }

  async function revokeToken(id: string, actor: Actor) {
    await db.transaction().execute(async (tx) => {
      const r = await tx
        .updateTable('api_tokens')
        .set({ revoked_at: now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND', { reason: 'TOKEN_NOT_FOUND' });
      await appendAudit(tx, { actor, action: 'token.revoke', objectType: 'api_token', objectId: id }, now());
    });
  }

  async function listUsers() {
    const rows = await db.selectFrom('users').selectAll().orderBy('created_at').execute();
    return rows.map((u) => ({ ...toPublic(u), disabled: u.disabled === 1, createdAt: u.created_at }));
  }

  async function setRole(userId: string, role: UserRole, actor: Actor) {
    await db.transaction().execute(async (tx) => {
      const u = await findUserById(tx, userId);
      if (!u) throw new DomainError('NOT_FOUND', { reason: 'USER_NOT_FOUND' });
      await tx.updateTable('users').set({ role, updated_at: now() }).where('id', '=', userId).execute();
      // a role change ends existing sessions, so the new role applies from the next sign-in
      await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await appendAudit(
        tx,
        { actor, action: 'user.set_role', objectType: 'user', objectId: userId, details: { from: u.role, to: role } },
        now(),
      );
    });
  }

  return {
    createUser,
    signIn,
    signOut,
    actorFromSession,
    actorFromToken,
    createToken,
    listTokens,
    revokeToken,
    listUsers,
    setRole,
    findUserByEmail: (e: string) => findUserByEmail(db, normalizeEmail(e)),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
export { ROLES };
