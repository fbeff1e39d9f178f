import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import type { ProvinceRuleSource } from '../filings/checker.ts';
import {
  applyOverrides,
  overridesInForce,
  PROVINCE_TABLE_VERSION,
  provinceTable,
  resolveProvinceTable,
  validateOverride,
} from '../rules/provinces/table.ts';
import type { ProvinceName, ProvinceOverride, ProvinceRuleKey, ProvinceTable } from '../rules/provinces/types.ts';

/**
 * Province-rule overrides (R-PRV-001: versioned, per province, with an effective date and a source note), kept in
 * memory for the synchronous rule check and reloaded whenever an admin changes them. It is the `ProvinceRuleSource`
 * of the server-side checker, so the next check after a change applies it.
 */
export interface StoredOverride extends ProvinceOverride {
  id: string;
  /** Per province and key: 1, 2, … in the order the overrides were entered. */
  revision: number;
  createdBy: string | null;
  createdAt: number;
}

export interface NewOverride {
  province: ProvinceName;
  key: ProvinceRuleKey;
  value: unknown;
  effectiveFrom: string;
  source: string;
}

export function createProvinceOverrideStore(database: Database) {
  const { db } = database;
  let rows: StoredOverride[] = [];
  // tableFor runs on every check: one resolution per day and data generation
  let memo: { key: string; value: { table: ProvinceTable; version: string; applied: ProvinceOverride[] } } | null =
    null;
  let generation = 0;

  async function read(tx: Tx): Promise<StoredOverride[]> {
    const r = await tx
      .selectFrom('province_overrides')
      .selectAll()
      .orderBy('created_at')
      .orderBy('version')
      .orderBy('id')
      .execute();
    return r.map((o) => ({
      id: o.id,
      province: o.province as ProvinceName,
      key: o.key as ProvinceRuleKey,
      value: JSON.parse(o.value) as unknown,
      effectiveFrom: o.effective_from,
      source: o.source,
      version: `r${o.version}`,
      revision: o.version,
      createdBy: o.created_by,
      createdAt: o.created_at,
    }));
  }

  async function reload(): Promise<void> {
    rows = await read(db);
    generation++;
    memo = null;
  }

  function resolve(today: string) {
    const key = `${generation}:${today}`;
    if (memo?.key !== key)
      memo = { key, value: resolveProvinceTable(provinceTable, rows, today, PROVINCE_TABLE_VERSION) };
    return memo.value;
  }

  const source: ProvinceRuleSource = {
    tableFor: (today) => {
      const r = resolve(today);
      return { table: r.table, version: r.version };
    },
  };

  /** Validates against its key, then against every stored override (a bad table must not reach the checker). */
  async function add(input: NewOverride, actor: Actor, at: number, today: string, requestId?: string) {
    const candidate: ProvinceOverride = { ...input, source: input.source.trim() };
    validateOverride(candidate);
    const created = await db.transaction().execute(async (tx) => {
      const existing = await read(tx);
      applyOverrides(provinceTable, [...existing, candidate], today);
      const revision =
        1 +
        existing
          .filter((o) => o.province === input.province && o.key === input.key)
          .reduce((m, o) => Math.max(m, o.revision), 0);
      const id = newId();
      await tx
        .insertInto('province_overrides')
        .values({
          id,
          province: input.province,
          key: input.key,
          value: JSON.stringify(input.value),
          effective_from: input.effectiveFrom,
          source: candidate.source,
          version: revision,
          created_by: actor.id,
          created_at: at,
        })
        .execute();
      await appendAudit(
        tx,
        {
          actor,
          action: 'province_override.created',
          objectType: 'province_override',
          objectId: id,
          requestId,
          details: {
            province: input.province,
            key: input.key,
            value: input.value,
            effectiveFrom: input.effectiveFrom,
            source: candidate.source,
            revision,
          },
        },
        at,
      );
      return { id, revision };
    });
    await reload();
    return rows.find((r) => r.id === created.id)!;
  }

  /**
   * Only an override not yet in force can be withdrawn: one that has applied is part of the record of which rules
   * reviews used (R-PRV-001); it is superseded by entering a new override instead.
   */
  async function remove(id: string, actor: Actor, at: number, today: string, requestId?: string) {
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('province_overrides').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', { reason: 'OVERRIDE_NOT_FOUND' });
      if (row.effective_from <= today)
        throw new DomainError('CONFLICT', {
          reason: 'OVERRIDE_IN_FORCE',
          message: {
            zh: '该覆盖规则已生效，不能删除；请新增一条覆盖规则替代它',
            en: 'This override is already in force and cannot be deleted; enter a new override to supersede it',
          },
        });
      await tx.deleteFrom('province_overrides').where('id', '=', id).execute();
      await appendAudit(
        tx,
        {
          actor,
          action: 'province_override.withdrawn',
          objectType: 'province_override',
          objectId: id,
          requestId,
          details: {
            province: row.province,
            key: row.key,
            value: JSON.parse(row.value),
            effectiveFrom: row.effective_from,
          },
        },
        at,
      );
    });
    await reload();
  }

  return {
    source,
    reload,
    add,
    remove,
    list: (): StoredOverride[] => [...rows],
    /** The resolved table, its version and the overrides applied on `today`. */
    resolved: (today: string) => resolve(today),
    inForce: (today: string): ProvinceOverride[] => overridesInForce(rows, today),
  };
}

export type ProvinceOverrideStore = ReturnType<typeof createProvinceOverrideStore>;
