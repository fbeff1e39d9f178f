import { CheckCircleFilled, CloudUploadOutlined, DeleteOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Image, Space, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Material, MaterialKind } from '../../../../src/modules/rules/draft.ts';
import { extensionOf, type UploadAcceptance } from '../../../../src/modules/rules/materials/acceptance.ts';
import { api, ProblemError } from '../../app/api.ts';
import type { MaterialView } from '../types.ts';
import { type FieldMessage, MessageList } from '../wizard/fields.tsx';

export interface SlotSpec {
  kind: MaterialKind;
  websiteIndex?: number;
  label: string;
  accepts: UploadAcceptance;
  optional?: boolean;
}

/** R-MAT-001 / R-MAT-020 in the browser: format and size, before a byte is sent. */
export function preUploadProblem(
  file: { name: string; size: number },
  accepts: UploadAcceptance,
): 'FORMAT' | 'SIZE' | null {
  const ext = extensionOf(file.name);
  if (!ext || !(accepts.formats as readonly string[]).includes(ext)) return 'FORMAT';
  if (file.size > accepts.maxBytes) return 'SIZE';
  return null;
}

const kb = (n: number | undefined) =>
  n === undefined ? '' : n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/**
 * One upload slot: the requirement, the uploaded file with its preview, the per-file error from the platform (or from
 * the browser's own format/size check), and the rule messages about this document.
 */
export function UploadSlot({
  orderId,
  spec,
  material,
  messages,
  disabled,
  disabledReason,
  onBeforeUpload,
  onUploaded,
  onRemove,
  children,
}: {
  orderId: string;
  spec: SlotSpec;
  material?: Material;
  messages: FieldMessage[];
  disabled: boolean;
  disabledReason?: string;
  /** Runs before the file is sent, e.g. saving pending edits so the platform records the upload in a current draft. */
  onBeforeUpload?: () => Promise<unknown>;
  onUploaded: (view: MaterialView, file: File) => void | Promise<void>;
  onRemove?: () => void;
  /** Facts about the document the customer declares (signed, sealed …). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [localPreview, setLocalPreview] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (localPreview) URL.revokeObjectURL(localPreview);
    },
    [localPreview],
  );
  const id = `slot-${spec.kind}-${spec.websiteIndex ?? 'o'}`;
  const hasBlock = messages.some((m) => m.severity === 'block') || !!fileError;
  const thumb = material?.blobId ? `/api/v1/materials/${encodeURIComponent(material.blobId)}/thumbnail` : null;

  const upload = async (file: File) => {
    setFileError(null);
    const problem = preUploadProblem(file, spec.accepts);
    if (problem) {
      setFileError(
        problem === 'FORMAT'
          ? t('customer.materials.badFormat', { formats: spec.accepts.formats.join(' / ').toUpperCase() })
          : t('customer.materials.tooLarge', { max: '2 MB' }),
      );
      return;
    }
    const body = new FormData();
    body.append('kind', spec.kind);
    if (spec.websiteIndex !== undefined) body.append('websiteIndex', String(spec.websiteIndex));
    body.append('file', file, file.name);
    setBusy(true);
    try {
      await onBeforeUpload?.();
      const view = await api<MaterialView>('POST', `/api/v1/orders/${encodeURIComponent(orderId)}/materials`, body);
      setLocalPreview(URL.createObjectURL(file));
      await onUploaded(view, file);
    } catch (err) {
      if (err instanceof ProblemError) {
        const fe = err.errors.find((e) => e.field === 'file') ?? err.errors[0];
        setFileError(fe ? `${fe.message}${fe.fix ? ` ${t('app.problem.fix', { fix: fe.fix })}` : ''}` : err.detail);
      } else setFileError(String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className={`upload-slot ${material ? 'done' : ''} ${hasBlock ? 'error' : ''}`}
      aria-labelledby={`${id}-label`}
      data-slot={spec.kind}
      data-website={spec.websiteIndex ?? ''}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <div id={`${id}-label`}>
          <Typography.Text strong>{spec.label}</Typography.Text>{' '}
          {spec.optional ? <Tag>{t('customer.materials.optional')}</Tag> : null}
          {material ? (
            <Tag icon={<CheckCircleFilled aria-hidden />} color="success">
              {t('customer.materials.uploaded')}
            </Tag>
          ) : (
            !spec.optional && <Tag color="warning">{t('customer.materials.missing')}</Tag>
          )}
        </div>
        <div className="small muted">
          {t('customer.materials.accepts', {
            formats: spec.accepts.formats.join(' / ').toUpperCase(),
            max: '2 MB',
          })}
        </div>
        {(localPreview || thumb) && (
          <Image
            rootClassName="upload-thumb"
            src={localPreview ?? thumb ?? undefined}
            alt={t('customer.materials.previewAlt', { label: spec.label })}
            preview={{ mask: <EyeOutlined aria-hidden /> }}
          />
        )}
        {material && (
          <div className="small muted">
            {material.fileName ?? material.blobId} {kb(material.sizeBytes)}
          </div>
        )}
        <Space wrap>
          <Upload
            accept={spec.accepts.formats.map((f) => `.${f}`).join(',')}
            showUploadList={false}
            disabled={disabled || busy}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button
              icon={<CloudUploadOutlined aria-hidden />}
              loading={busy}
              disabled={disabled}
              aria-describedby={`${id}-label`}
            >
              {material ? t('customer.materials.replace') : t('customer.materials.upload')}
            </Button>
          </Upload>
          {material && onRemove && !disabled && (
            <Button
              icon={<DeleteOutlined aria-hidden />}
              onClick={onRemove}
              aria-label={t('customer.materials.remove')}
            >
              {t('customer.materials.remove')}
            </Button>
          )}
        </Space>
        {disabled && disabledReason && <div className="small muted">{disabledReason}</div>}
        {fileError && (
          <div role="alert" className="upload-error">
            {fileError}
          </div>
        )}
        {messages.length > 0 && (
          <div className="upload-error">
            <MessageList messages={messages} />
          </div>
        )}
        {children}
      </Space>
    </section>
  );
}
