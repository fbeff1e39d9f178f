import { Card, ConfigProvider, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type FilingDraft, isOrganisation } from '../../../../src/modules/rules/draft.ts';
import { provinceTable } from '../../../../src/modules/rules/provinces/table.ts';
import { useLang } from '../../app/i18n.ts';
import { CheckedItem, CivilDateInput } from './fields.tsx';
import { principalCertificateOptions } from './options.ts';

/** The fields of one principal (R-SUB-013..023) under `base` (`subjectPrincipal` or `websites[i].principal`). */
function PrincipalFields({
  base,
  draft,
  of,
}: {
  base: (string | number)[];
  draft: FilingDraft;
  /** Whose fields: the subject principal's, or a website principal's. */
  of: 'SUBJECT' | 'WEBSITE';
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const org = isOrganisation(draft.subject?.type);
  const rules = draft.province ? provinceTable[draft.province] : undefined;
  const principal = (base.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], draft) ??
    {}) as { certificateType?: string };
  const foreign = principal.certificateType !== undefined && principal.certificateType !== 'RESIDENT_ID';
  // R-PRV-003 / R-SUB-015: some provinces want an organisation's office phone to be a landline with area code
  const officeHelp =
    org && rules?.orgLandlineRequired
      ? t('customer.wizard.principal.officePhoneLandline', { province: draft.province })
      : org
        ? t('customer.wizard.principal.officePhoneOrg')
        : t('customer.wizard.principal.officePhonePerson');
  const mobileHelp = rules?.mobileMustBeLocal
    ? t('customer.wizard.principal.mobileLocal', { province: draft.province })
    : t('customer.wizard.principal.mobileHelp');
  const p = (...k: string[]) => [...base, ...k];
  return (
    <div className="form-grid">
      <CheckedItem path={p('name')} label={t('customer.wizard.principal.name')}>
        <Input maxLength={60} autoComplete="off" />
      </CheckedItem>
      <CheckedItem path={p('certificateType')} label={t('customer.wizard.principal.certificateType')}>
        <Select options={principalCertificateOptions(pick)} allowClear />
      </CheckedItem>
      <CheckedItem path={p('certificateNumber')} label={t('customer.wizard.principal.certificateNumber')}>
        <Input maxLength={40} autoComplete="off" />
      </CheckedItem>
      {foreign && (
        <CheckedItem path={p('nationality')} label={t('customer.wizard.principal.nationality')}>
          <Input maxLength={40} placeholder="HK / TW / US …" />
        </CheckedItem>
      )}
      <CheckedItem path={p('certificateValidFrom')} label={t('customer.wizard.validFrom')}>
        <CivilDateInput />
      </CheckedItem>
      <CheckedItem path={p('certificateValidTo')} label={t('customer.wizard.validTo')}>
        <CivilDateInput allowLongTerm />
      </CheckedItem>
      <CheckedItem path={p('mobile')} label={t('customer.wizard.principal.mobile')} extra={mobileHelp}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" />
      </CheckedItem>
      {of === 'SUBJECT' || org ? (
        <CheckedItem path={p('officePhone')} label={t('customer.wizard.principal.officePhone')} extra={officeHelp}>
          <Input maxLength={24} inputMode="tel" autoComplete="off" />
        </CheckedItem>
      ) : null}
      <CheckedItem path={p('email')} label={t('customer.wizard.principal.email')}>
        <Input maxLength={254} type="email" inputMode="email" autoComplete="off" />
      </CheckedItem>
      <CheckedItem
        path={p('emergencyContact', 'name')}
        label={t('customer.wizard.principal.emergencyName')}
        extra={t('customer.wizard.principal.emergencyHelp')}
      >
        <Input maxLength={60} />
      </CheckedItem>
      <CheckedItem path={p('emergencyContact', 'mobile')} label={t('customer.wizard.principal.emergencyMobile')}>
        <Input maxLength={20} inputMode="tel" />
      </CheckedItem>
    </div>
  );
}

/** Step 2: the subject principal and each website's principal (R-SUB-013, R-SUB-024). */
export function PrincipalsStep({
  draft,
  subjectReadOnly,
  websitesReadOnly,
}: {
  draft: FilingDraft;
  subjectReadOnly: boolean;
  websitesReadOnly: boolean;
}) {
  const { t } = useTranslation();
  const org = isOrganisation(draft.subject?.type);
  return (
    <div className="stack">
      <Card size="small" title={<h3 className="section-title">{t('customer.wizard.principal.subjectTitle')}</h3>}>
        <Typography.Paragraph type="secondary" className="small">
          {org ? t('customer.wizard.principal.subjectHelpOrg') : t('customer.wizard.principal.subjectHelpPerson')}
        </Typography.Paragraph>
        <ConfigProvider componentDisabled={subjectReadOnly}>
          <PrincipalFields base={['subjectPrincipal']} draft={draft} of="SUBJECT" />
        </ConfigProvider>
      </Card>
      {(draft.websites ?? []).map((w, i) => (
        <Card
          // biome-ignore lint/suspicious/noArrayIndexKey: websites are addressed by index in the draft and in violations
          key={i}
          size="small"
          title={
            <h3 className="section-title">
              {t('customer.wizard.principal.websiteTitle', { n: i + 1, name: w.name || w.domains?.[0] || '' })}
            </h3>
          }
        >
          <ConfigProvider componentDisabled={websitesReadOnly}>
            <CheckedItem
              path={['websites', i, 'principalSameAsSubject']}
              valuePropName="checked"
              label={t('customer.wizard.principal.sameAsSubject')}
              extra={t('customer.wizard.principal.sameAsSubjectHelp')}
            >
              <Switch />
            </CheckedItem>
            {!w.principalSameAsSubject && (
              <PrincipalFields base={['websites', i, 'principal']} draft={draft} of="WEBSITE" />
            )}
          </ConfigProvider>
        </Card>
      ))}
    </div>
  );
}
