import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Spin } from 'antd';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { type ProviderConfig, qk, useGet, useSend } from '../api.ts';
import { PageTitle, ProvinceSelect } from '../components/common.tsx';
import { useBo } from '../i18n.tsx';

/**
 * The provider's configuration: legal name, hotline, DNS hint (R-ORD-034), curtain text per province (R-PRV-018),
 * photo points (R-MAT-018/019) and the MIIT link (R-PRE-013). Saved whole, validated and audited by the server.
 */
export function ProviderConfigPage() {
  const { t } = useBo();
  const { message } = App.useApp();
  const cfg = useGet<ProviderConfig>(qk.provider, '/api/v1/admin/provider-config');
  const save = useSend<ProviderConfig, ProviderConfig>('PUT', '/api/v1/admin/provider-config', [qk.provider]);
  if (cfg.isPending) return <Spin />;
  if (!cfg.data) return <ProblemAlert error={cfg.error} />;
  return (
    <div className="bo-page" data-testid="provider-config">
      <PageTitle title={t('cfg.title')} />
      <Form<ProviderConfig>
        layout="vertical"
        initialValues={cfg.data}
        onFinish={async (v) => {
          const next: ProviderConfig = { ...v, supportEmail: v.supportEmail?.trim() || undefined };
          await save.mutateAsync(next);
          void message.success(t('common.saved'));
        }}
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('cfg.title')}>
              <Form.Item name="legalName" label={t('cfg.legalName')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="hotline" label={t('cfg.hotline')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="supportEmail" label={t('cfg.supportEmail')}>
                <Input maxLength={254} type="email" />
              </Form.Item>
              <Form.Item name="miitUrl" label={t('cfg.miitUrl')} rules={[{ required: true, pattern: /^https?:\/\// }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name={['dnsHint', 'zh']}
                label={`${t('cfg.dnsHint')}（${t('cfg.zh')}）`}
                rules={[{ required: true }]}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <Form.Item
                name={['dnsHint', 'en']}
                label={`${t('cfg.dnsHint')} (${t('cfg.en')})`}
                rules={[{ required: true }]}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('cfg.curtainDefault')}>
              <Form.Item name={['curtainText', 'default']} label={t('cfg.curtainDefault')} rules={[{ required: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.List name={['curtainText', 'byProvince']}>
                {(fields, { add, remove }) => (
                  <>
                    <div className="ant-form-item-label">
                      <span>{t('cfg.curtainByProvince')}</span>
                    </div>
                    {fields.map((f) => (
                      <Space.Compact key={f.key} block style={{ marginBottom: 8 }}>
                        <Form.Item name={[f.name, 'province']} noStyle rules={[{ required: true }]}>
                          <ProvinceSelect style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'text']} noStyle rules={[{ required: true }]}>
                          <Input maxLength={100} />
                        </Form.Item>
                        <Button
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={t('common.delete')}
                        />
                      </Space.Compact>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })} block>
                      {t('common.add')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
            <Card size="small" title={t('cfg.photoPoints')} style={{ marginTop: 16 }}>
              <Form.List name="photoPoints">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Card
                        size="small"
                        key={f.key}
                        style={{ marginBottom: 8 }}
                        extra={
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(f.name)}
                            aria-label={t('common.delete')}
                          />
                        }
                      >
                        <Row gutter={8}>
                          <Col span={12}>
                            <Form.Item name={[f.name, 'name']} label={t('cfg.pp.name')} rules={[{ required: true }]}>
                              <Input maxLength={100} />
                            </Form.Item>
                          </Col>
                          <Col span={12}>
                            <Form.Item name={[f.name, 'kind']} label={t('cfg.pp.kind')} rules={[{ required: true }]}>
                              <Select
                                options={[
                                  { value: 'AGENT', label: t('cfg.pp.kind.AGENT') },
                                  { value: 'VERIFICATION', label: t('cfg.pp.kind.VERIFICATION') },
                                ]}
                              />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item
                              name={[f.name, 'province']}
                              label={t('prov.province')}
                              rules={[{ required: true }]}
                            >
                              <ProvinceSelect />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item name={[f.name, 'city']} label={t('cfg.pp.city')} rules={[{ required: true }]}>
                              <Input maxLength={32} />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item name={[f.name, 'phone']} label={t('cfg.pp.phone')} rules={[{ required: true }]}>
                              <Input maxLength={40} />
                            </Form.Item>
                          </Col>
                          <Col span={16}>
                            <Form.Item
                              name={[f.name, 'address']}
                              label={t('cfg.pp.address')}
                              rules={[{ required: true }]}
                            >
                              <Input maxLength={200} />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item name={[f.name, 'hours']} label={t('cfg.pp.hours')}>
                              <Input maxLength={100} />
                            </Form.Item>
                          </Col>
                        </Row>
                      </Card>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'AGENT' })} block>
                      {t('common.add')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
          </Col>
        </Row>
        <div style={{ marginTop: 16 }}>
          <ProblemAlert error={save.error} />
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
