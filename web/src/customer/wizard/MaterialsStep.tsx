import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckContext } from '../../../../src/modules/rules/context.ts';
import { type FilingDraft, isOrganisation, type Material } from '../../../../src/modules/rules/draft.ts';
import { requiredMaterials } from '../../../../src/modules/rules/materials/required.ts';
import { provinceTable } from '../../../../src/modules/rules/provinces/table.ts';
import { useLang } from '../../app/i18n.ts';
import { materialFor } from '../logic/draft-utils.ts';
import { UploadSlot } from '../materials/UploadSlot.tsx';
import type { MaterialView } from '../types.ts';
import type { FieldMessage } from './fields.tsx';

/** Declared facts of an uploaded document that rules read (R-MAT-005, R-MAT-010..013, R-SUB-005, R-PRV-012). */
function MaterialFacts({
  draft,
  material,
  onChange,
  disabled,
}: {
  draft: FilingDraft;
  material: Material;
  onChange: (patch: Partial<Material>) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const org = isOrganisation(draft.subject?.type);
  const rules = draft.province ? provinceTable[draft.province] : undefined;
  const id = `facts-${material.kind}-${material.websiteIndex ?? 'o'}`;
  switch (material.kind) {
    case 'VERIFICATION_SHEET':
      return (
        <Space orientation="vertical" size={4}>
          <Checkbox
            checked={!!material.signed}
            disabled={disabled}
            onChange={(e) => onChange({ signed: e.target.checked })}
          >
            {t('customer.materials.signed')}
          </Checkbox>
          {org && (
            <div>
              <div className="small" id={`${id}-seal`}>
                {t('customer.materials.seal')}
              </div>
              <Radio.Group
                aria-labelledby={`${id}-seal`}
                value={material.seal}
                disabled={disabled}
                onChange={(e) => onChange({ seal: e.target.value })}
                options={[
                  { value: 'OFFICIAL', label: t('customer.materials.sealOfficial') },
                  { value: 'CONTRACT', label: t('customer.materials.sealContract') },
                  { value: 'NONE', label: t('customer.materials.sealNone') },
                ]}
              />
            </div>
          )}
          {!org && rules?.personalFingerprint && (
            <Checkbox
              checked={!!material.fingerprint}
              disabled={disabled}
              onChange={(e) => onChange({ fingerprint: e.target.checked })}
            >
              {t('customer.materials.fingerprint', { province: draft.province })}
            </Checkbox>
          )}
          {rules?.sheetRegistrarRemark && (
            <div>
              <label className="small" htmlFor={`${id}-registrar`}>
                {t('customer.materials.registrarRemarks', { province: draft.province })}
              </label>
              <Select
                id={`${id}-registrar`}
                mode="tags"
                style={{ width: '100%' }}
                value={material.registrarRemarks ?? []}
                disabled={disabled}
                onChange={(v) => onChange({ registrarRemarks: v })}
                placeholder="example.cn：阿里云"
              />
            </div>
          )}
        </Space>
      );
    case 'HANDHELD_PHOTO':
      return org ? (
        <div>
          <div className="small" id={`${id}-copy`}>
            {rules?.handheldLicenceCopyOnly
              ? t('customer.materials.licenceCopyOnly', { province: draft.province })
              : t('customer.materials.licenceCopy')}
          </div>
          <Radio.Group
            aria-labelledby={`${id}-copy`}
            value={material.licenceCopy}
            disabled={disabled}
            onChange={(e) => onChange({ licenceCopy: e.target.value })}
            options={[
              { value: 'DUPLICATE', label: t('customer.materials.duplicate') },
              { value: 'ORIGINAL', label: t('customer.materials.original') },
            ]}
          />
        </div>
      ) : null;
    case 'SUBJECT_CERT_FRONT':
      return draft.orderType === 'ADD_WEBSITE' || draft.orderType === 'ACCESS' ? (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <label className="small" htmlFor={`${id}-number`}>
            {t('customer.materials.printedNumber')}
          </label>
          <Input
            id={`${id}-number`}
            maxLength={40}
            value={material.certificateNumber}
            disabled={disabled}
            onChange={(e) => onChange({ certificateNumber: e.target.value || undefined })}
          />
          <Checkbox
            checked={!!material.latestCertificate}
            disabled={disabled}
            onChange={(e) => onChange({ latestCertificate: e.target.checked })}
          >
            {t('customer.materials.latestCertificate')}
          </Checkbox>
        </Space>
      ) : null;
    case 'GD_FINANCE_UNDERTAKING':
      return (
        <Space orientation="vertical" size={4}>
          <Checkbox
            checked={!!material.sealed}
            disabled={disabled}
            onChange={(e) => onChange({ sealed: e.target.checked })}
          >
            {t('customer.materials.sealed')}
          </Checkbox>
          <Checkbox
            checked={!!material.signedByLegalRep}
            disabled={disabled}
            onChange={(e) => onChange({ signedByLegalRep: e.target.checked })}
          >
            {t('customer.materials.signedByLegalRep')}
          </Checkbox>
        </Space>
      );
    default:
      return null;
  }
}

/** Step 4: the uploads the order needs (R-MAT-001..015), computed by the rules module for this draft. */
export function MaterialsStep({
  orderId,
  draft,
  ctx,
  readOnly,
  uploadsMissing,
  messagesAt,
  onBeforeUpload,
  onUploaded,
  onRemove,
  onFacts,
}: {
  orderId: string;
  draft: FilingDraft;
  ctx: CheckContext;
  readOnly: boolean;
  /** The upload endpoint is not on this server yet. */
  uploadsMissing: boolean;
  messagesAt: (key: string) => FieldMessage[];
  onBeforeUpload: () => Promise<unknown>;
  onUploaded: (view: MaterialView, file: File) => Promise<void>;
  onRemove: (kind: Material['kind'], websiteIndex?: number) => void;
  onFacts: (kind: Material['kind'], websiteIndex: number | undefined, patch: Partial<Material>) => void;
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const required = requiredMaterials(draft, ctx);
  const now = required.filter((r) => r.stage === 'SUBMIT');
  const later = required.filter((r) => r.stage === 'PHOTO');
  const materials = draft.materials ?? [];
  const sheetWebsites = now.filter((r) => r.kind === 'VERIFICATION_SHEET').map((r) => r.websiteIndex);
  const needsAuthLetter = now.some((r) => r.kind === 'LEGAL_REP_AUTH_LETTER');

  const messagesFor = (m: Material | undefined) => {
    if (!m) return [];
    const i = materials.indexOf(m);
    const prefix = `materials[${i}]`;
    return [
      ...messagesAt(prefix),
      ...[
        'blobId',
        'certificateNumber',
        'signed',
        'seal',
        'fingerprint',
        'registrarRemarks',
        'licenceCopy',
        'takenOn',
      ].flatMap((k) => messagesAt(`${prefix}.${k}`)),
    ];
  };

  return (
    <div className="stack">
      {uploadsMissing && <Alert type="warning" showIcon title={t('customer.materials.endpointMissing')} />}
      <Typography.Paragraph type="secondary">{t('customer.materials.intro')}</Typography.Paragraph>
      {sheetWebsites.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('customer.materials.sheetTitle')}
          description={
            <Space wrap>
              {sheetWebsites.map((wi) => (
                <Button
                  key={wi ?? 'o'}
                  icon={<DownloadOutlined aria-hidden />}
                  href={`/api/v1/orders/${encodeURIComponent(orderId)}/documents/verification-sheet/${wi ?? 0}`}
                  target="_blank"
                  rel="noopener"
                >
                  {t('customer.materials.downloadSheet', { n: (wi ?? 0) + 1 })}
                </Button>
              ))}
              {needsAuthLetter && (
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  href={`/api/v1/orders/${encodeURIComponent(orderId)}/documents/authorization-letter`}
                  target="_blank"
                  rel="noopener"
                >
                  {t('customer.materials.downloadAuthLetter')}
                </Button>
              )}
            </Space>
          }
        />
      )}
      <div className="upload-grid">
        {now.map((r) => {
          const m = materialFor(materials, r.kind, r.websiteIndex);
          return (
            <UploadSlot
              key={`${r.kind}-${r.websiteIndex ?? 'o'}`}
              orderId={orderId}
              spec={{
                kind: r.kind,
                websiteIndex: r.websiteIndex,
                label: pick(r.reason),
                accepts: r.accepts,
                optional: r.optional,
              }}
              material={m}
              messages={messagesFor(m)}
              disabled={readOnly || uploadsMissing}
              disabledReason={uploadsMissing ? t('customer.materials.endpointMissingShort') : undefined}
              onBeforeUpload={onBeforeUpload}
              onUploaded={onUploaded}
              onRemove={() => onRemove(r.kind, r.websiteIndex)}
            >
              {m && (
                <MaterialFacts
                  draft={draft}
                  material={m}
                  disabled={readOnly}
                  onChange={(patch) => onFacts(r.kind, r.websiteIndex, patch)}
                />
              )}
            </UploadSlot>
          );
        })}
      </div>
      {later.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('customer.materials.laterTitle')}
          description={
            <ul className="problem-list">
              {later.map((r) => (
                <li key={`${r.kind}-${r.websiteIndex ?? 'o'}`}>{pick(r.reason)}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
