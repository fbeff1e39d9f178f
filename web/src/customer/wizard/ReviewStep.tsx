import { Alert, Button, Card, Descriptions, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SERVICE_CONTENT_INFO } from '../../../../src/modules/rules/data/service-content.ts';
import { CERTIFICATE_LABELS, SUBJECT_TYPE_INFO } from '../../../../src/modules/rules/data/subject-types.ts';
import { type FilingDraft, isOrganisation } from '../../../../src/modules/rules/draft.ts';
import { useLang } from '../../app/i18n.ts';
import { stepOf, type WizardStep } from '../logic/field-paths.ts';
import type { FieldMessage } from './fields.tsx';

/** Step 5: everything at a glance, every open problem with a link to its step, then submit (R-ORD-003). */
export function ReviewStep({
  draft,
  messages,
  onGoTo,
}: {
  draft: FilingDraft;
  messages: FieldMessage[];
  onGoTo: (step: WizardStep) => void;
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const blocking = messages.filter((m) => m.severity === 'block' && m.source !== 'rejection');
  const warnings = messages.filter((m) => m.severity === 'warn' && m.source !== 'rejection');
  const rejected = messages.filter((m) => m.source === 'rejection');
  const s = draft.subject ?? {};
  const p = draft.subjectPrincipal ?? {};

  const problemList = (list: FieldMessage[]) => (
    <List
      size="small"
      dataSource={list}
      rowKey={(m) => `${m.source}-${m.field}-${m.code}-${m.message}`}
      renderItem={(m) => {
        const step = stepOf(m);
        return (
          <List.Item
            actions={
              step !== 'review'
                ? [
                    <Button key="go" type="link" size="small" onClick={() => onGoTo(step)}>
                      {t('customer.wizard.goFix', { step: t(`customer.wizard.steps.${step}`) })}
                    </Button>,
                  ]
                : []
            }
          >
            <div>
              <div>
                {m.source === 'server' && <Tag color="purple">{t('customer.wizard.serverCheck')}</Tag>}
                {m.source === 'rejection' && <Tag color="red">{t('customer.wizard.rejected')}</Tag>}
                {m.message}
              </div>
              {m.fix && <div className="field-fix">{t('app.problem.fix', { fix: m.fix })}</div>}
            </div>
          </List.Item>
        );
      }}
    />
  );

  return (
    <div className="stack">
      {blocking.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('customer.wizard.review.blocking', { count: blocking.length })}
          description={problemList(blocking)}
        />
      ) : (
        <Alert type="success" showIcon title={t('customer.wizard.review.ready')} />
      )}
      {rejected.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('customer.wizard.review.rejected', { count: rejected.length })}
          description={problemList(rejected)}
        />
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('customer.wizard.review.warnings', { count: warnings.length })}
          description={problemList(warnings)}
        />
      )}
      <Card size="small" title={<h3 className="section-title">{t('customer.wizard.steps.subject')}</h3>}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            {
              key: 'type',
              label: t('customer.wizard.subject.type'),
              children: s.type ? pick(SUBJECT_TYPE_INFO[s.type].label) : '—',
            },
            {
              key: 'name',
              label: isOrganisation(s.type)
                ? t('customer.wizard.subject.orgName')
                : t('customer.wizard.subject.personName'),
              children: s.name ?? '—',
            },
            {
              key: 'cert',
              label: t('customer.wizard.subject.certificateType'),
              children: s.certificateType
                ? `${pick(CERTIFICATE_LABELS[s.certificateType])} ${s.certificateNumber ?? ''}`
                : '—',
            },
            {
              key: 'province',
              label: t('customer.wizard.subject.province'),
              children: [draft.province, draft.city, draft.district].filter(Boolean).join(' '),
            },
            {
              key: 'addr',
              label: t('customer.wizard.subject.communicationAddress'),
              children:
                Object.values(s.communicationAddress ?? {})
                  .filter(Boolean)
                  .join(' ') || '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title={<h3 className="section-title">{t('customer.wizard.steps.principals')}</h3>}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'name', label: t('customer.wizard.principal.name'), children: p.name ?? '—' },
            { key: 'mobile', label: t('customer.wizard.principal.mobile'), children: p.mobile ?? '—' },
            { key: 'email', label: t('customer.wizard.principal.email'), children: p.email ?? '—' },
            { key: 'office', label: t('customer.wizard.principal.officePhone'), children: p.officePhone ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title={<h3 className="section-title">{t('customer.wizard.steps.websites')}</h3>}>
        <List
          size="small"
          dataSource={(draft.websites ?? []).map((w, i) => ({ ...w, index: i }))}
          rowKey="index"
          renderItem={(w) => (
            <List.Item>
              <div>
                <Typography.Text strong>
                  {t('customer.wizard.website.title', { n: w.index + 1 })}: {w.name ?? '—'}
                </Typography.Text>
                <div className="small">{(w.domains ?? []).filter(Boolean).join(', ')}</div>
                <div className="small muted">
                  {w.serviceContent ? pick(SERVICE_CONTENT_INFO[w.serviceContent].label) : ''}
                  {w.principalSameAsSubject ? ` · ${t('customer.wizard.principal.sameAsSubject')}` : ''}
                </div>
              </div>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={<h3 className="section-title">{t('customer.wizard.steps.materials')}</h3>}>
        <Typography.Text>
          {t('customer.wizard.review.materialsCount', { count: (draft.materials ?? []).length })}
        </Typography.Text>
      </Card>
    </div>
  );
}
