import { Alert, Button, Collapse, List, Space, Tag, Typography } from 'antd';
import type { ChecklistItem, ReviewPageData } from '../api.ts';
import { type BoKey, useBo } from '../i18n.tsx';

const STATUS_COLORS: Record<ChecklistItem['status'], string> = {
  pass: 'success',
  fail: 'error',
  warn: 'warning',
  pending: 'processing',
  manual: 'default',
};

/**
 * The checklist (R-ORD-017): the rules engine's verdict on each rule in scope under today's rule set (R-PRV-001) and
 * the reviewer's own judgement items, grouped, failures first. Each item offers to start a rejection with its code.
 */
export function ChecklistPanel({
  checklist,
  onRejectWith,
  canReject,
}: {
  checklist: ReviewPageData['checklist'];
  onRejectWith: (item: ChecklistItem) => void;
  canReject: boolean;
}) {
  const { t, pick } = useBo();
  const groups = new Map<string, ChecklistItem[]>();
  for (const item of checklist.items) groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  const rank = (i: ChecklistItem) => ['fail', 'pending', 'warn', 'manual', 'pass'].indexOf(i.status);
  const openGroups = [...groups].filter(([, items]) => items.some((i) => i.status !== 'pass')).map(([g]) => g);
  return (
    <div className="stack" data-testid="checklist">
      <Space wrap>
        <Typography.Text type="secondary">{t('review.ruleSet', { v: checklist.ruleSetVersion })}</Typography.Text>
      </Space>
      {checklist.blocking.length > 0 ? (
        <Alert type="warning" showIcon title={t('check.blocking', { n: checklist.blocking.length })} />
      ) : (
        <Alert type="success" showIcon title={t('check.clear')} />
      )}
      <Collapse
        size="small"
        defaultActiveKey={openGroups}
        items={[...groups].map(([group, items]) => {
          const fails = items.filter((i) => i.status === 'fail').length;
          return {
            key: group,
            label: (
              <Space>
                <span>{t(`check.group.${group}` as BoKey)}</span>
                <Tag>{items.length}</Tag>
                {fails > 0 && <Tag color="error">{fails}</Tag>}
              </Space>
            ),
            children: (
              <List
                size="small"
                dataSource={[...items].sort((a, b) => rank(a) - rank(b))}
                renderItem={(item) => (
                  <List.Item
                    data-item={item.id}
                    data-status={item.status}
                    actions={
                      canReject && item.reasonCode && item.status !== 'pass'
                        ? [
                            <Button key="r" size="small" type="link" danger onClick={() => onRejectWith(item)}>
                              {t('check.rejectWith')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <div className="bo-check-item">
                      <Space wrap size={6}>
                        <Tag color={STATUS_COLORS[item.status]}>{t(`check.status.${item.status}` as BoKey)}</Tag>
                        <code className="bo-rule">{item.rules.join(' ')}</code>
                        <span>{pick(item.title)}</span>
                      </Space>
                      {item.violations?.map((v) => (
                        <div key={`${v.code}-${v.field}`} className="bo-check-violation">
                          <code>{v.field}</code> {pick(v.message)}
                        </div>
                      ))}
                      {item.hint && <div className="bo-check-hint">{pick(item.hint)}</div>}
                    </div>
                  </List.Item>
                )}
              />
            ),
          };
        })}
      />
    </div>
  );
}
