import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, List, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import type { OrderState } from '../../../../src/modules/filings/domain/states.ts';
import { api } from '../../app/api.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { PageTitle, StateTag } from '../components/common.tsx';
import { useBo } from '../i18n.tsx';

interface FoundOrder {
  id: string;
  orderNo: string;
  state: string;
  domains: string[];
  /** Present when the API returns it; 提交照片 needs the order's version. */
  version?: number;
}

/**
 * Photo-point staff (拍照点, R-MAT-019): find the customer's order by its number or domain, upload the curtain photo
 * taken on site, and submit the photos for re-review (R-ORD-020, R-ORD-024: same day at an agent photo point).
 */
export function PhotoPointPage() {
  const { t } = useBo();
  const { message } = App.useApp();
  const [found, setFound] = useState<FoundOrder[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [websiteIndex, setWebsiteIndex] = useState(0);

  const search = async (v: { orderNo?: string; domain?: string }) => {
    setError(null);
    const q = new URLSearchParams();
    if (v.orderNo?.trim()) q.set('orderNo', v.orderNo.trim());
    if (v.domain?.trim()) q.set('domain', v.domain.trim());
    try {
      setFound(await api<FoundOrder[]>('GET', `/api/v1/photo-point/orders?${q}`));
    } catch (e) {
      setError(e);
    }
  };

  const upload = async (order: FoundOrder, file: File) => {
    setBusy(order.id);
    setError(null);
    const body = new FormData();
    body.set('kind', 'CURTAIN_PHOTO');
    body.set('websiteIndex', String(websiteIndex));
    body.set('file', file);
    try {
      await api('POST', `/api/v1/orders/${order.id}/materials`, body);
      void message.success(t('pp.uploaded'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const submit = async (order: FoundOrder) => {
    setBusy(order.id);
    setError(null);
    try {
      await api('POST', `/api/v1/orders/${order.id}/submit-photos`, { version: order.version });
      void message.success(t('pp.submitted'));
      setFound(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="bo-page" data-testid="photo-point">
      <PageTitle title={t('pp.title')} hint={t('pp.hint')} />
      <Card size="small">
        <Form layout="inline" onFinish={search}>
          <Form.Item name="orderNo">
            <Input placeholder={t('pp.orderNo')} aria-label={t('pp.orderNo')} maxLength={32} />
          </Form.Item>
          <Form.Item name="domain">
            <Input placeholder={t('pp.domain')} aria-label={t('pp.domain')} maxLength={253} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('pp.search')}
          </Button>
        </Form>
      </Card>
      <ProblemAlert error={error} />
      {found && (
        <List
          style={{ marginTop: 16 }}
          bordered
          dataSource={found}
          locale={{ emptyText: t('common.empty') }}
          renderItem={(o) => (
            <List.Item
              actions={[
                <Space key="u">
                  <InputNumber
                    min={1}
                    max={64}
                    value={websiteIndex + 1}
                    onChange={(v) => setWebsiteIndex(Math.max(0, (v ?? 1) - 1))}
                    aria-label={t('pp.websiteIndex')}
                    style={{ width: 80 }}
                  />
                  <Upload
                    accept=".jpg,.jpeg,.png,.gif"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void upload(o, file);
                      return false;
                    }}
                  >
                    <Button icon={<UploadOutlined />} loading={busy === o.id}>
                      {t('pp.upload')}
                    </Button>
                  </Upload>
                </Space>,
                ...(o.version !== undefined
                  ? [
                      <Button key="s" type="primary" loading={busy === o.id} onClick={() => void submit(o)}>
                        {t('pp.submit')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <Space wrap>
                <strong>{o.orderNo}</strong>
                <StateTag state={o.state as OrderState} type="FIRST" />
                {o.domains.map((d) => (
                  <Tag key={d}>{d}</Tag>
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
