import { Alert, Collapse, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ReviewPageData } from '../api.ts';
import { beijingText, valueText } from '../components/common.tsx';
import { type BoKey, useBo } from '../i18n.tsx';
import { fieldLabel } from '../logic/fields.ts';

/** What changed since the last rejection (R-REJ-002), next to the reasons the changes answer. */
export function DiffPanel({ page }: { page: ReviewPageData }) {
  const { t, lang } = useBo();
  const d = page.diff;
  if (!d) return <Alert type="info" showIcon title={t('diff.none')} />;
  return (
    <div className="stack" data-testid="diff">
      <Typography.Text strong>{t('diff.since', { date: beijingText(d.since.at) })}</Typography.Text>
      <Space wrap>
        {d.flagged.map((f) => (
          <Tag key={`${f.code}-${f.field}`} color={f.changed ? 'success' : 'error'}>
            {`${f.code} · ${f.field} · ${f.changed ? t('diff.addressed') : t('diff.unchangedFlag')}`}
          </Tag>
        ))}
      </Space>
      {d.changes.length === 0 ? (
        <Alert type="warning" showIcon title={t('diff.noChanges')} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={d.changes}
          rowKey="path"
          renderItem={(c) => (
            <List.Item data-path={c.path}>
              <div className="bo-diff-item">
                <Space wrap size={4}>
                  <strong>{fieldLabel(c.path, lang)}</strong>
                  {c.flaggedBy.map((code) => (
                    <Tag key={code} color="red">
                      {code}
                    </Tag>
                  ))}
                </Space>
                <code className="small muted">{c.path}</code>
                <div className="bo-diff-values">
                  <span className="bo-before" title={t('diff.before')}>
                    {valueText(c.before, t('common.yes'), t('common.no'))}
                  </span>
                  <span aria-hidden="true">→</span>
                  <span className="bo-after" title={t('diff.after')}>
                    {valueText(c.after, t('common.yes'), t('common.no'))}
                  </span>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** Earlier rejections with their reasons, the order trail with the calls in it, and the audit log. */
export function HistoryPanel({ page }: { page: ReviewPageData }) {
  const { t } = useBo();
  return (
    <Collapse
      size="small"
      defaultActiveKey={['rejections', 'trail']}
      items={[
        {
          key: 'rejections',
          label: `${t('history.rejections')} (${page.rejections.length})`,
          children: page.rejections.length ? (
            <List
              size="small"
              dataSource={[...page.rejections].reverse()}
              renderItem={(r) => (
                <List.Item>
                  <div className="stack" style={{ gap: 4, width: '100%' }}>
                    <Space wrap>
                      <Tag color="error">{r.event}</Tag>
                      <span>{beijingText(r.at)}</span>
                      {r.note && <span className="muted">{r.note}</span>}
                    </Space>
                    {r.reasons.map((x) => (
                      <div key={`${x.code}-${x.field}`} className="bo-reason-line">
                        <Tag color="red">{x.code}</Tag> <code>{x.field}</code>{' '}
                        {'message' in x ? (x as { message: string }).message : ''}
                      </div>
                    ))}
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">{t('history.noRejections')}</Typography.Text>
          ),
        },
        {
          key: 'trail',
          label: t('history.trail'),
          children: (
            <Timeline
              items={page.timeline.map((e) =>
                e.kind === 'call'
                  ? {
                      key: `call-${e.id}`,
                      color: e.outcome === 'reached' ? 'green' : 'red',
                      title: beijingText(e.at),
                      content: t('history.call', { n: e.attempt, outcome: t(`call.outcome.${e.outcome}` as BoKey) }),
                    }
                  : {
                      key: `ev-${e.seq}`,
                      color: e.event.includes('REJECT') ? 'red' : 'blue',
                      title: beijingText(e.at),
                      content: (
                        <span>
                          <code>{e.event}</code> {e.from ? `${e.from} → ` : ''}
                          {e.to} <span className="muted">({e.actorRole})</span>
                        </span>
                      ),
                    },
              )}
            />
          ),
        },
        {
          key: 'audit',
          label: `${t('history.audit')} (${page.audit.length})`,
          children: (
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={page.audit}
              columns={[
                { title: t('common.date'), dataIndex: 'at', render: (ms: number) => beijingText(ms) },
                { title: 'action', dataIndex: 'action', render: (a: string) => <code>{a}</code> },
                { title: 'role', dataIndex: 'actor_role' },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
