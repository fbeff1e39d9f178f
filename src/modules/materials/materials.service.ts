import { join } from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { beijingDate } from '../calendar/index.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import type { FilingDraft, MaterialKind } from '../rules/draft.ts';
import { MATERIAL_KINDS } from '../rules/draft.ts';
import { acceptanceFor } from './acceptance.ts';
import type { BlobStore } from './blob-store.ts';
import { inspectAndNormalizeUpload, readUploadWithLimit } from './image-pipeline.ts';

export interface UploadRequest {
  orderId: string;
  kind: string;
  websiteIndex?: number;
  fileName: string;
  contentType?: string;
  source: AsyncIterable<Uint8Array>;
  truncated?: () => boolean;
}

/** Kinds a photo point may upload for a customer's order (R-MAT-017..019). */
const PHOTO_KINDS: readonly MaterialKind[] = ['CURTAIN_PHOTO'];

function refusedUpload(v: { code: string; rule: string; field: string; message: { zh: string; en: string }; fileName?: string }) {
  return new DomainError('RULE_VIOLATION', {
    reason: v.code,
    message: v.message,
    violations: [{ rule: v.rule, code: v.code, severity: 'block', field: 'file', message: v.message }],
    details: { fileName: v.fileName, rule: v.rule },
  });
}

/**
 * Uploads: streamed with a hard size limit, judged by content (full decode), re-encoded without EXIF/GPS, stored
 * encrypted, and recorded in the order's draft through the lifecycle (so the state decides who may attach what).
 */
export function createMaterialsService(deps: { database: Database; clock: Clock; blobs: BlobStore; orders: OrdersService }) {
  const { db } = deps.database;
  const now = () => deps.clock.now().getTime();

  async function upload(actor: Actor, req: UploadRequest, requestId?: string) {
    if (!(MATERIAL_KINDS as readonly string[]).includes(req.kind))
      throw new DomainError('VALIDATION_FAILED', { reason: 'MATERIAL_KIND', message: { zh: `材料类型无效：${req.kind}`, en: `Unknown material kind: ${req.kind}` }, violations: [{ rule: 'R-MAT-002', code: 'MATERIAL_KIND', severity: 'block', field: 'kind', message: { zh: '材料类型无效', en: 'Unknown material kind' } }] });
    const kind = req.kind as MaterialKind;
    if (actor.role === 'photo_agent' && !PHOTO_KINDS.includes(kind)) throw new DomainError('FORBIDDEN', { reason: 'PHOTO_AGENT_KIND' });
    const order = await deps.orders.get(actor, req.orderId, requestId);
    const read = await readUploadWithLimit(req.source, { kind, fileName: req.fileName, truncated: req.truncated });
    if (!read.ok) throw refusedUpload(read);
    const inspected = await inspectAndNormalizeUpload({ bytes: read.bytes, fileName: req.fileName, declaredType: req.contentType, kind, field: 'file' });
    if (!inspected.ok) throw refusedUpload(inspected);
    const context = `order/${order.id}/${kind}/${req.websiteIndex ?? '-'}`;
    const encrypt = acceptanceFor(kind).encryptAtRest;
    const stored = await deps.blobs.put(inspected.bytes, { contentType: inspected.contentType, encrypt, context });
    const thumb = await deps.blobs.put(inspected.thumbnail.bytes, { contentType: 'image/jpeg', encrypt, context: `${context}/thumb` });
    const id = newId();
    // the draft names the material; replacing a slot keeps one current file per kind and website
    const draft = order.draft as FilingDraft;
    const materials = (draft.materials ?? []).filter((m) => !(m.kind === kind && (m.websiteIndex ?? null) === (req.websiteIndex ?? null) && kind !== 'CURTAIN_PHOTO'));
    materials.push({ kind, ...(req.websiteIndex !== undefined ? { websiteIndex: req.websiteIndex } : {}), blobId: id, fileName: req.fileName, mimeType: inspected.contentType, sizeBytes: inspected.size });
    const event = kind === 'CURTAIN_PHOTO' ? ({ type: 'UPLOAD_PHOTO' } as const) : ({ type: 'EDIT', sections: ['MATERIALS'] } as const);
    await deps.orders.transition(order.id, event, actor, { requestId, draft: { ...draft, materials }, details: { material: { id, kind, websiteIndex: req.websiteIndex } } });
    const t = now();
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('materials')
        .set({ replaced_at: t })
        .where('order_id', '=', order.id)
        .where('kind', '=', kind)
        .where('replaced_at', 'is', null)
        .where((eb) => (req.websiteIndex === undefined ? eb('website_index', 'is', null) : eb('website_index', '=', req.websiteIndex)))
        .where('kind', '!=', 'CURTAIN_PHOTO')
        .execute();
      await tx.insertInto('materials').values({
        id, order_id: order.id, account_id: order.accountId, kind, website_index: req.websiteIndex ?? null, blob_key: stored.key, thumb_key: thumb.key,
        content_type: inspected.contentType, size: inspected.size, width: inspected.width, height: inspected.height, sha256: inspected.sha256,
        encrypted: encrypt ? 1 : 0, uploaded_by: actor.id ?? 'system', uploaded_role: actor.role, created_at: t, replaced_at: null,
      }).execute();
      await appendAudit(tx, { actor, action: 'material.upload', objectType: 'material', objectId: id, requestId, details: { orderId: order.id, kind, notes: inspected.notes.map((n) => n.code), looksGreyscale: inspected.looksGreyscale } }, t);
    });
    return { id, kind, websiteIndex: req.websiteIndex ?? null, width: inspected.width, height: inspected.height, size: inspected.size, looksGreyscale: inspected.looksGreyscale, notes: inspected.notes };
  }

  async function list(actor: Actor, orderId: string, requestId?: string) {
    await deps.orders.get(actor, orderId, requestId); // ownership check
    const rows = await db.selectFrom('materials').selectAll().where('order_id', '=', orderId).where('replaced_at', 'is', null).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, websiteIndex: r.website_index, width: r.width, height: r.height, size: r.size, contentType: r.content_type, uploadedRole: r.uploaded_role, createdAt: r.created_at }));
  }

  /** Served only to the owning customer and to staff; every view is audited (identity documents). */
  async function content(actor: Actor, materialId: string, which: 'content' | 'thumbnail', requestId?: string) {
    const row = await db.selectFrom('materials').selectAll().where('id', '=', materialId).executeTakeFirst();
    const allowed = row && (actor.role === 'reviewer' || actor.role === 'admin' || (actor.role === 'customer' && row.account_id === actor.id));
    if (!row || !allowed) throw new DomainError('NOT_FOUND', { reason: 'MATERIAL_NOT_FOUND' });
    const key = which === 'content' ? row.blob_key : (row.thumb_key ?? row.blob_key);
    const bytes = await deps.blobs.get(key);
    await appendAudit(db, { actor, action: `material.view_${which}`, objectType: 'material', objectId: row.id, requestId, details: { orderId: row.order_id, kind: row.kind } }, now());
    return { bytes, contentType: which === 'content' ? row.content_type : 'image/jpeg' };
  }

  /** A photo point finds the customer's order by order number or by domain (R-MAT-018). */
  async function findOrderForPhotoPoint(q: { orderNo?: string; domain?: string }) {
    if (q.orderNo) {
      const r = await db.selectFrom('orders').select(['id', 'order_no', 'state', 'summary', 'version']).where('order_no', '=', q.orderNo).executeTakeFirst();
      if (r) return [r];
    }
    if (q.domain) {
      const d = q.domain.trim().toLowerCase();
      const rows = await db.selectFrom('orders').select(['id', 'order_no', 'state', 'summary', 'version']).where('state', 'in', ['PHOTO_PENDING', 'RE_REVIEW_REJECTED']).execute();
      return rows.filter((r) => (JSON.parse(r.summary).websites as { domains: string[] }[]).some((w) => w.domains.some((x) => x === d || d.endsWith(`.${x}`))));
    }
    return [];
  }

  return { upload, list, content, findOrderForPhotoPoint, today: () => beijingDate(deps.clock.now()) };
}
export type MaterialsService = ReturnType<typeof createMaterialsService>;

export function blobRoot(dataDir: string): string {
  return join(dataDir, 'blobs');
}
