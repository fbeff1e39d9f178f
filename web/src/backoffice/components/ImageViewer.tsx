import { ExpandOutlined, RotateRightOutlined, UndoOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Empty, Image, Space, Tooltip } from 'antd';
import { useState } from 'react';
import type { ReviewPageData } from '../api.ts';
import { useBo } from '../i18n.tsx';

type Material = ReviewPageData['materials'][number];

const MATERIAL_LABELS: Record<string, { zh: string; en: string }> = {
  SUBJECT_CERT_FRONT: { zh: '主体证件（正面）', en: 'Subject certificate (front)' },
  SUBJECT_CERT_BACK: { zh: '主体证件（反面）', en: 'Subject certificate (back)' },
  SUBJECT_PRINCIPAL_ID_FRONT: { zh: '主体负责人证件（正面）', en: 'Subject principal ID (front)' },
  SUBJECT_PRINCIPAL_ID_BACK: { zh: '主体负责人证件（反面）', en: 'Subject principal ID (back)' },
  WEBSITE_PRINCIPAL_ID_FRONT: { zh: '网站负责人证件（正面）', en: 'Website principal ID (front)' },
  WEBSITE_PRINCIPAL_ID_BACK: { zh: '网站负责人证件（反面）', en: 'Website principal ID (back)' },
  VERIFICATION_SHEET: { zh: '网站备案信息真实性核验单', en: 'Verification sheet' },
  HANDHELD_PHOTO: { zh: '手持证件照', en: 'Handheld photo' },
  CURTAIN_PHOTO: { zh: '幕布照片', en: 'Curtain photo' },
  LEGAL_REP_AUTH_LETTER: { zh: '法人授权书', en: 'Legal-rep authorisation letter' },
  PRE_APPROVAL_DOC: { zh: '前置审批文件', en: 'Pre-approval document' },
  RESIDENCE_PERMIT: { zh: '居住证', en: 'Residence permit' },
  SUPPLEMENTARY: { zh: '补充材料', en: 'Supplementary material' },
};

export function materialLabel(kind: string, lang: 'zh' | 'en'): string {
  return MATERIAL_LABELS[kind]?.[lang] ?? kind;
}

/**
 * The documents beside the data (R-ORD-017): a strip of thumbnails and one large image that the reviewer can zoom
 * and rotate in place (a scan is often sideways), or open full screen. Every view of an image is audited by the API.
 */
export function ImageViewer({ materials }: { materials: Material[] }) {
  const { t, lang } = useBo();
  const [current, setCurrent] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [angle, setAngle] = useState(0);
  const [full, setFull] = useState(false);
  if (materials.length === 0) return <Empty description={t('review.noMaterials')} />;
  const m = materials[Math.min(current, materials.length - 1)];
  const select = (i: number) => {
    setCurrent(i);
    setZoom(1);
    setAngle(0);
  };
  return (
    <div className="bo-viewer">
      <div className="bo-viewer-toolbar">
        <strong>
          {materialLabel(m.kind, lang)}
          {m.websiteIndex !== null ? ` · ${t('review.website', { n: m.websiteIndex + 1 })}` : ''}
        </strong>
        <Space size={2}>
          <Tooltip title={t('review.zoomOut')}>
            <Button
              size="small"
              icon={<ZoomOutOutlined />}
              aria-label={t('review.zoomOut')}
              onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))}
            />
          </Tooltip>
          <span className="bo-viewer-zoom">{Math.round(zoom * 100)}%</span>
          <Tooltip title={t('review.zoomIn')}>
            <Button
              size="small"
              icon={<ZoomInOutlined />}
              aria-label={t('review.zoomIn')}
              onClick={() => setZoom((z) => Math.min(4, z + 0.25))}
            />
          </Tooltip>
          <Tooltip title={t('review.rotate')}>
            <Button
              size="small"
              icon={<RotateRightOutlined />}
              aria-label={t('review.rotate')}
              onClick={() => setAngle((a) => (a + 90) % 360)}
            />
          </Tooltip>
          <Tooltip title={t('review.reset')}>
            <Button
              size="small"
              icon={<UndoOutlined />}
              aria-label={t('review.reset')}
              onClick={() => {
                setZoom(1);
                setAngle(0);
              }}
            />
          </Tooltip>
          <Tooltip title={t('review.fullscreen')}>
            <Button
              size="small"
              icon={<ExpandOutlined />}
              aria-label={t('review.fullscreen')}
              onClick={() => setFull(true)}
            />
          </Tooltip>
        </Space>
      </div>
      <div className="bo-viewer-stage">
        <img
          src={m.contentUrl}
          alt={materialLabel(m.kind, lang)}
          style={{ transform: `scale(${zoom}) rotate(${angle}deg)` }}
          data-testid="viewer-image"
          data-rotation={angle}
          data-zoom={zoom}
        />
      </div>
      <div className="bo-viewer-strip" role="listbox" aria-label={t('review.materials')}>
        {materials.map((x, i) => (
          <button
            type="button"
            key={x.id}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : ''}
            onClick={() => select(i)}
            title={materialLabel(x.kind, lang)}
          >
            {x.thumbnailUrl ? <img src={x.thumbnailUrl} alt="" /> : <span>{materialLabel(x.kind, lang)}</span>}
          </button>
        ))}
      </div>
      <Image
        style={{ display: 'none' }}
        src={m.contentUrl}
        alt={materialLabel(m.kind, lang)}
        preview={{ open: full, onOpenChange: (open) => setFull(open) }}
      />
    </div>
  );
}
