import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, ConfigProvider, Input, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type FilingDraft, isOrganisation, type Website } from '../../../../src/modules/rules/draft.ts';
import { useLang } from '../../app/i18n.ts';
import { CheckedItem, CivilDateInput } from './fields.tsx';
import {
  contentTagOptions,
  cultureActivityOptions,
  languageOptions,
  natureOptions,
  preApprovalAuthority,
  preApprovalOptions,
  serviceContentHelp,
  serviceContentOptions,
} from './options.ts';

/** R-ORD-012: at most 10 websites per order. */
export const MAX_WEBSITES = 10;

function WebsiteCard({
  draft,
  index,
  website,
  readOnly,
  onSet,
  onRemove,
}: {
  draft: FilingDraft;
  index: number;
  website: Website;
  readOnly: boolean;
  onSet: (path: (string | number)[], value: unknown) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const personal = !isOrganisation(draft.subject?.type);
  const base = ['websites', index] as const;
  const domains = website.domains ?? [];
  const categories = website.preApprovalCategories ?? [];
  const preApprovals = website.preApprovals ?? [];
  const culture = categories.includes('CULTURE') || (website.contentTags ?? []).includes('ONLINE_GAMES');

  // one pre-approval entry per selected category, kept in the same order as the selection
  const setCategories = (next: string[]) => {
    onSet([...base, 'preApprovalCategories'], next);
    onSet(
      [...base, 'preApprovals'],
      next.map((c) => preApprovals.find((p) => p.category === c) ?? { category: c }),
    );
  };

  return (
    <Card
      size="small"
      title={
        <h3 className="section-title">
          {t('customer.wizard.website.title', { n: index + 1 })}
          {website.filingNumber ? ` · ${website.filingNumber}` : ''}
        </h3>
      }
      extra={
        onRemove && !readOnly ? (
          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
            {t('customer.wizard.website.remove')}
          </Button>
        ) : null
      }
    >
      <ConfigProvider componentDisabled={readOnly}>
        <div className="form-grid">
          <CheckedItem
            path={[...base, 'name']}
            label={t('customer.wizard.website.name')}
            extra={personal ? t('customer.wizard.website.nameHelpPerson') : t('customer.wizard.website.nameHelpOrg')}
            className="span-2"
          >
            <Input maxLength={100} />
          </CheckedItem>

          <div className="span-2 domain-list">
            <Typography.Text strong id={`domains-${index}`}>
              {t('customer.wizard.website.domains')}
            </Typography.Text>
            <Typography.Paragraph type="secondary" className="small">
              {t('customer.wizard.website.domainsHelp')}
            </Typography.Paragraph>
            {domains.map((_, di) => (
              <Space.Compact
                // biome-ignore lint/suspicious/noArrayIndexKey: violations address domains by index
                key={di}
                block
                className="domain-row"
              >
                <CheckedItem
                  path={[...base, 'domains', di]}
                  aria-label={t('customer.wizard.website.domainN', { n: di + 1 })}
                  style={{ flex: 1 }}
                >
                  <Input
                    maxLength={253}
                    inputMode="url"
                    autoComplete="off"
                    aria-label={t('customer.wizard.website.domainN', { n: di + 1 })}
                    placeholder="example.com"
                  />
                </CheckedItem>
                {domains.length > 1 && !readOnly && (
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('customer.wizard.website.removeDomain', { n: di + 1 })}
                    onClick={() =>
                      onSet(
                        [...base, 'domains'],
                        domains.filter((__, j) => j !== di),
                      )
                    }
                  />
                )}
              </Space.Compact>
            ))}
            {!readOnly && (
              <Button
                size="small"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => onSet([...base, 'domains'], [...domains, ''])}
                disabled={domains.length >= 64}
              >
                {t('customer.wizard.website.addDomain')}
              </Button>
            )}
          </div>

          <CheckedItem path={[...base, 'homepageUrl']} label={t('customer.wizard.website.homepage')}>
            <Input maxLength={300} inputMode="url" placeholder="https://www.example.com" />
          </CheckedItem>
          <CheckedItem path={[...base, 'languages']} label={t('customer.wizard.website.languages')}>
            <Select mode="multiple" options={languageOptions(t)} optionFilterProp="label" />
          </CheckedItem>
          <CheckedItem
            path={[...base, 'serviceContent']}
            label={t('customer.wizard.website.serviceContent')}
            extra={serviceContentHelp(pick, website.serviceContent) || t('customer.wizard.website.serviceContentHelp')}
          >
            <Select options={serviceContentOptions(pick, personal)} allowClear />
          </CheckedItem>
          <CheckedItem path={[...base, 'nature']} label={t('customer.wizard.website.nature')}>
            <Select options={natureOptions(pick, personal)} allowClear />
          </CheckedItem>

          <CheckedItem
            path={[...base, 'preApprovalCategories']}
            label={t('customer.wizard.website.preApproval')}
            extra={t('customer.wizard.website.preApprovalHelp')}
            className="span-2"
          >
            <Checkbox.Group options={preApprovalOptions(pick)} onChange={(v) => setCategories(v as string[])} />
          </CheckedItem>
          {preApprovals.map((pa, pi) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: violations address pre-approvals by index
              key={pi}
              className="span-2 form-grid pre-approval"
            >
              <div className="span-2">
                <Typography.Text strong>
                  {t('customer.wizard.website.preApprovalFor', {
                    category: preApprovalOptions(pick).find((o) => o.value === pa.category)?.label ?? '',
                    authority: preApprovalAuthority(pick, pa.category),
                  })}
                </Typography.Text>
              </div>
              <CheckedItem path={[...base, 'preApprovals', pi, 'number']} label={t('customer.wizard.website.paNumber')}>
                <Input maxLength={80} />
              </CheckedItem>
              <CheckedItem
                path={[...base, 'preApprovals', pi, 'authority']}
                label={t('customer.wizard.website.paAuthority')}
              >
                <Input maxLength={100} placeholder={preApprovalAuthority(pick, pa.category)} />
              </CheckedItem>
              <CheckedItem
                path={[...base, 'preApprovals', pi, 'issueDate']}
                label={t('customer.wizard.website.paIssued')}
              >
                <CivilDateInput />
              </CheckedItem>
              <CheckedItem
                path={[...base, 'preApprovals', pi, 'expiryDate']}
                label={t('customer.wizard.website.paExpires')}
              >
                <CivilDateInput />
              </CheckedItem>
              {pa.category === 'CULTURE' && (
                <CheckedItem
                  path={[...base, 'preApprovals', pi, 'cultureLicence']}
                  valuePropName="checked"
                  className="span-2"
                >
                  <Checkbox>{t('customer.wizard.website.cultureLicence')}</Checkbox>
                </CheckedItem>
              )}
            </div>
          ))}

          <CheckedItem
            path={[...base, 'contentTags']}
            label={t('customer.wizard.website.contentTags')}
            extra={t('customer.wizard.website.contentTagsHelp')}
            className="span-2"
          >
            <Checkbox.Group options={contentTagOptions(t)} />
          </CheckedItem>
          {culture && (
            <>
              <CheckedItem
                path={[...base, 'cultureActivities']}
                label={t('customer.wizard.website.cultureActivities')}
                className="span-2"
              >
                <Checkbox.Group options={cultureActivityOptions(pick)} />
              </CheckedItem>
              <CheckedItem
                path={[...base, 'commercialCulture']}
                valuePropName="checked"
                label={t('customer.wizard.website.commercialCulture')}
              >
                <Switch />
              </CheckedItem>
            </>
          )}
          <CheckedItem
            path={[...base, 'commercialLicensed']}
            valuePropName="checked"
            label={t('customer.wizard.website.commercialLicensed')}
          >
            <Switch />
          </CheckedItem>
          {website.commercialLicensed && (
            <CheckedItem path={[...base, 'icpLicenceNumber']} label={t('customer.wizard.website.icpLicenceNumber')}>
              <Input maxLength={40} />
            </CheckedItem>
          )}
          <CheckedItem
            path={[...base, 'accessIps', 0]}
            label={t('customer.wizard.website.accessIp')}
            extra={t('customer.wizard.website.accessIpHelp')}
          >
            <Input disabled />
          </CheckedItem>
          <CheckedItem
            path={[...base, 'remark']}
            label={t('customer.wizard.website.remark')}
            extra={t('customer.wizard.website.remarkHelp')}
            className="span-2"
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
          </CheckedItem>
        </div>
      </ConfigProvider>
    </Card>
  );
}

/** Step 3: websites and domains (R-WEB-001..024, R-PRE-001..014), 1–10 per order. */
export function WebsitesStep({
  draft,
  readOnly,
  onSet,
  onRemoveWebsite,
}: {
  draft: FilingDraft;
  readOnly: boolean;
  onSet: (path: (string | number)[], value: unknown) => void;
  onRemoveWebsite: (index: number) => void;
}) {
  const { t } = useTranslation();
  const websites = draft.websites ?? [];
  const template = (): Website => ({
    domains: [''],
    accessIps: websites[0]?.accessIps ?? [],
    serverIds: websites[0]?.serverIds ?? [],
    principalSameAsSubject: true,
  });
  return (
    <div className="stack">
      <Alert
        type="info"
        showIcon
        title={t('customer.wizard.website.limits', { max: MAX_WEBSITES })}
        description={
          draft.orderType === 'FIRST' || draft.orderType === 'ADD_WEBSITE'
            ? t('customer.wizard.website.keepClosed')
            : draft.orderType === 'ACCESS'
              ? t('customer.wizard.website.accessNoDns')
              : undefined
        }
      />
      {websites.map((w, i) => (
        <WebsiteCard
          // biome-ignore lint/suspicious/noArrayIndexKey: websites are addressed by index in the draft and in violations
          key={i}
          draft={draft}
          index={i}
          website={w}
          readOnly={readOnly}
          onSet={onSet}
          onRemove={websites.length > 1 ? () => onRemoveWebsite(i) : undefined}
        />
      ))}
      {!readOnly && (
        <Button
          icon={<PlusOutlined aria-hidden />}
          onClick={() => onSet(['websites'], [...websites, template()])}
          disabled={websites.length >= MAX_WEBSITES}
        >
          {t('customer.wizard.website.add')}
        </Button>
      )}
      {websites.length >= MAX_WEBSITES && (
        <Typography.Paragraph type="secondary">{t('customer.wizard.website.moreThanTen')}</Typography.Paragraph>
      )}
    </div>
  );
}
