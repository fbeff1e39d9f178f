import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { CALL_OUTCOMES } from '../../../../src/modules/review/calls.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { type CallResult, qk, type ReviewPageData, useSend } from '../api.ts';
import { beijingText } from '../components/common.tsx';
import { type BoKey, useBo } from '../i18n.tsx';

/**
 * 审核确认电话 (R-ORD-018): who to call, each attempt of every round, and the form for the next one. The server
 * enforces the 2-hour gap, sends the SMS after a missed call (R-NTF-008) and rejects after the second miss.
 */
export function CallsPanel({ page, canCall }: { page: ReviewPageData; canCall: boolean }) {
  const { t } = useBo();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: string; note?: string }>();
  const id = page.order.id;
  const send = useSend<{ outcome: string; note?: string }, CallResult>('POST', `/api/v1/review/orders/${id}/calls`, [
    qk.page(id),
    ['review', 'queue'],
  ]);
  const s = page.calls.status;
  const inReview = page.stage === 'initial';
  const onFinish = async (v: { outcome: string; note?: string }) => {
    const r = await send.mutateAsync(v);
    form.resetFields(['note']);
    if (r.autoRejection?.ok) void message.warning(t('call.autoRejected'));
    else if (r.autoRejection && !r.autoRejection.ok)
      void message.error(t('call.autoRejectFailed', { code: r.autoRejection.code }));
    else void message.success(t('call.logged', { n: r.call.attempt }));
  };
  return (
    <div className="stack" data-testid="calls">
      {page.calls.callee ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'callee',
              label: <PhoneOutlined />,
              children: (
                <Space wrap>
                  <strong>{page.calls.callee.name}</strong>
                  <a href={`tel:${page.calls.callee.mobile}`}>{page.calls.callee.mobile}</a>
                  {s.confirmed ? <Tag color="success">{t('call.confirmed')}</Tag> : <Tag>{t('call.notConfirmed')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      ) : (
        <Alert type="error" showIcon title={t('call.noMobile')} />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('call.policy')}
      </Typography.Paragraph>
      {s.retryAllowedAt && !s.confirmed && inReview && (
        <Alert
          type="info"
          showIcon
          title={t('call.retryAt', { time: beijingText(s.retryAllowedAt), m: page.calls.retryAfterMinutes })}
        />
      )}
      {inReview && canCall && page.calls.callee ? (
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ outcome: 'reached' }}>
          <Form.Item name="outcome" label={t('call.outcome')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={CALL_OUTCOMES.map((o) => ({ value: o, label: t(`call.outcome.${o}` as BoKey) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('call.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <ProblemAlert error={send.error} />
          <Button type="primary" htmlType="submit" loading={send.isPending} icon={<PhoneOutlined />}>
            {t('call.log')}
          </Button>
        </Form>
      ) : (
        !inReview && <Alert type="info" title={t('call.notInReview')} />
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...page.calls.attempts].reverse()}
        locale={{ emptyText: t('call.none') }}
        columns={[
          { title: '#', dataIndex: 'attempt', render: (n: number) => t('call.attempt', { n }) },
          {
            title: t('call.outcome'),
            dataIndex: 'outcome',
            render: (o: string) => (
              <Tag color={o === 'reached' ? 'success' : o === 'unreached' ? 'error' : 'warning'}>
                {t(`call.outcome.${o}` as BoKey)}
              </Tag>
            ),
          },
          { title: t('common.date'), dataIndex: 'at', render: (ms: number) => beijingText(ms) },
          {
            title: '',
            key: 'round',
            render: (_, c) => (
              <Space size={4}>
                <span className="muted">{c.callee}</span>
                <Tag>{c.currentRound ? t('call.round') : t('call.earlierRound')}</Tag>
              </Space>
            ),
          },
          { title: t('call.note'), dataIndex: 'note' },
        ]}
      />
    </div>
  );
}
