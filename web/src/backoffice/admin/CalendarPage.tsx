import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { type CalendarList, type CalendarYear, qk, useGet, useSend } from '../api.ts';
import { beijingText, PageTitle } from '../components/common.tsx';
import { type BoKey, useBo } from '../i18n.tsx';

/**
 * The working-day calendar (R-ORD-035): the year's holidays and make-up days with their origin, the admin's
 * overrides, and the switch that declares a year's notice complete. Changes apply to every deadline at once.
 */
export function CalendarPage() {
  const { t, pick } = useBo();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [form] = Form.useForm<{ date: Dayjs; kind: 'holiday' | 'workday'; name?: string; source: string }>();
  const list = useGet<CalendarList>(qk.calendar, '/api/v1/admin/calendar/overrides');
  const days = useGet<CalendarYear>(qk.calendarYear(year), `/api/v1/admin/calendar?year=${year}`);
  const invalidate = [qk.calendar, ['admin', 'calendar'], ['review']];
  const add = useSend<{ date: string; kind: string; name?: string; source: string }>(
    'POST',
    '/api/v1/admin/calendar/overrides',
    invalidate,
  );
  const remove = useSend<{ id: string }>('DELETE', (b) => `/api/v1/admin/calendar/overrides/${b.id}`, invalidate);
  const declare = useSend<{ covered: boolean }>('PUT', `/api/v1/admin/calendar/years/${year}`, invalidate);

  return (
    <div className="bo-page" data-testid="calendar">
      <PageTitle title={t('cal.title')} hint={t('cal.hint')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('cal.days', { year })}
            extra={
              <Space wrap>
                <InputNumber
                  min={2018}
                  max={2099}
                  value={year}
                  onChange={(v) => v && setYear(v)}
                  aria-label={t('cal.year')}
                />
                {days.data &&
                  (days.data.covered ? (
                    <Tag color="green">{t('cal.covered')}</Tag>
                  ) : (
                    <Tag color="orange">{t('cal.notCovered')}</Tag>
                  ))}
                <Button
                  size="small"
                  loading={declare.isPending}
                  onClick={() => declare.mutate({ covered: !days.data?.covered })}
                >
                  {days.data?.covered ? t('cal.undeclare') : t('cal.declare')}
                </Button>
              </Space>
            }
          >
            <ProblemAlert error={days.error ?? declare.error} />
            <Typography.Text type="secondary">
              {days.data && t('cal.version', { v: days.data.version })}
            </Typography.Text>
            <Table
              size="small"
              rowKey="date"
              loading={days.isPending}
              dataSource={days.data?.days ?? []}
              pagination={{ pageSize: 40, hideOnSinglePage: true }}
              columns={[
                { title: t('common.date'), dataIndex: 'date' },
                {
                  title: t('cal.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => (
                    <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`cal.kind.${k}` as BoKey)}</Tag>
                  ),
                },
                {
                  title: t('cal.name'),
                  dataIndex: 'name',
                  render: (n: { zh: string; en: string } | undefined) => (n ? pick(n) : ''),
                },
                {
                  title: t('cal.origin'),
                  dataIndex: 'origin',
                  render: (o: string) => (
                    <Tag color={o === 'override' ? 'purple' : 'default'}>{t(`cal.origin.${o}` as BoKey)}</Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('cal.add')}>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ kind: 'holiday' }}
              onFinish={async (v) => {
                await add.mutateAsync({
                  date: v.date.format('YYYY-MM-DD'),
                  kind: v.kind,
                  name: v.name,
                  source: v.source,
                });
                form.resetFields();
                void message.success(t('common.saved'));
              }}
            >
              <Form.Item name="date" label={t('common.date')} rules={[{ required: true }]}>
                <DatePicker aria-label={t('common.date')} />
              </Form.Item>
              <Form.Item name="kind" label={t('cal.kind')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'holiday', label: t('cal.kind.holiday') },
                    { value: 'workday', label: t('cal.kind.workday') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="name" label={t('cal.name')}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="source" label={t('common.source')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={500} />
              </Form.Item>
              <ProblemAlert error={add.error} />
              <Button type="primary" htmlType="submit" loading={add.isPending}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
          <Card size="small" title={t('cal.overrides')} style={{ marginTop: 16 }}>
            <ProblemAlert error={list.error ?? remove.error} />
            <Table
              size="small"
              rowKey="id"
              loading={list.isPending}
              dataSource={list.data?.overrides ?? []}
              pagination={false}
              columns={[
                { title: t('common.date'), dataIndex: 'date' },
                { title: t('cal.kind'), dataIndex: 'kind', render: (k: string) => t(`cal.kind.${k}` as BoKey) },
                { title: t('cal.name'), dataIndex: 'name' },
                { title: t('common.source'), dataIndex: 'source' },
                { title: t('prov.createdAt'), dataIndex: 'createdAt', render: (ms: number) => beijingText(ms) },
                {
                  title: '',
                  key: 'x',
                  render: (_, r) => (
                    <Popconfirm title={t('common.delete')} onConfirm={() => remove.mutateAsync({ id: r.id })}>
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
