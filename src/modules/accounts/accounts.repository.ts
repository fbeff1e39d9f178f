import type { Tx } from '../../platform/db/database.ts';

export async function findUserByEmail(tx: Tx, email: string) {
  return tx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(tx: Tx, id: string) {
  return tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSession(tx: Tx, id: string) {
  return tx
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id',
      'users.role',
      'users.email',
      'users.disabled',
      'users.display_name',
      'users.account_no',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function findActiveToken(tx: Tx, tokenHash: string) {
  return tx
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
