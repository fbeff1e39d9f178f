import { Alert, AutoComplete, Checkbox, Input, Select, Switch, Typography } from 'antd';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilingDraft } from '../../../../src/modules/rules/draft.ts';
import { isOrganisation } from '../../../../src/modules/rules/draft.ts';
import { provinceTable } from '../../../../src/modules/rules/provinces/table.ts';
import { PROVINCE_NAMES } from '../../../../src/modules/rules/provinces/types.ts';
import { useLang } from '../../app/i18n.ts';
import { OrderTypeText } from '../common.tsx';
import type { OrderDetail } from '../types.ts';
import { CheckedItem, CivilDateInput, FieldMessagesContext } from './fields.tsx';
import { principalCertificateOptions, subjectCertificateOptions, subjectTypeOptions } from './options.ts';

const provinceOptions = PROVINCE_NAMES.map((p) => ({ value: p }));

/** Step 1: the subject (主体) — R-SUB-001..012. The verify step fixed its type and certificate. */
export function SubjectStep({ draft, order, readOnly }: { draft: FilingDraft; order: OrderDetail; readOnly: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const messages = useContext(FieldMessagesContext);
  const subject = draft.subject ?? {};
  const org = isOrganisation(subject.type);
  const rules = draft.province ? provinceTable[draft.province] : undefined;
  // R-PRV-004..006: the remark is where a mobile office phone is explained, in the provinces that demand it
  const needsRemark =
    (org && (rules?.mobileAsOfficePhoneRemark.length ?? 0) > 0) || messages.messagesAt('subject.remark').length > 0;

  return (
    <div className="stack">
      {readOnly && <Alert type="info" showIcon title={t('customer.wizard.subject.readOnly')} />}
      <div className="form-grid">
        <div className="span-2">
          <Typography.Paragraph type="secondary" className="small">
            <OrderTypeText type={order.type} variant={order.variant} /> · {t('customer.wizard.subject.fixedAtVerify')}
          </Typography.Paragraph>
        </div>
        <CheckedItem path={['province']} label={t('customer.wizard.subject.province')}>
          <Input disabled />
        </CheckedItem>
        <CheckedItem path={['city']} label={t('customer.wizard.subject.city')}>
          <Input maxLength={32} autoComplete="address-level2" />
        </CheckedItem>
        <CheckedItem path={['district']} label={t('customer.wizard.subject.district')}>
          <Input maxLength={32} autoComplete="address-level3" />
        </CheckedItem>
        <CheckedItem path={['subject', 'type']} label={t('customer.wizard.subject.type')}>
          <Select options={subjectTypeOptions(pick)} disabled />
        </CheckedItem>
        <CheckedItem path={['subject', 'certificateType']} label={t('customer.wizard.subject.certificateType')}>
          <Select options={subjectCertificateOptions(pick, subject.type)} disabled />
        </CheckedItem>
        <CheckedItem path={['subject', 'certificateNumber']} label={t('customer.wizard.subject.certificateNumber')}>
          <Input disabled />
        </CheckedItem>
        <CheckedItem
          path={['subject', 'name']}
          label={org ? t('customer.wizard.subject.orgName') : t('customer.wizard.subject.personName')}
          extra={org ? t('customer.wizard.subject.orgNameHelp') : t('customer.wizard.subject.personNameHelp')}
          className="span-2"
        >
          <Input maxLength={100} />
        </CheckedItem>
        <CheckedItem path={['subject', 'certificateValidFrom']} label={t('customer.wizard.validFrom')}>
          <CivilDateInput />
        </CheckedItem>
        <CheckedItem path={['subject', 'certificateValidTo']} label={t('customer.wizard.validTo')}>
          <CivilDateInput allowLongTerm />
        </CheckedItem>
        <CheckedItem
          path={['subject', 'certificateAddress']}
          label={t('customer.wizard.subject.certificateAddress')}
          extra={t('customer.wizard.subject.certificateAddressHelp')}
          className="span-2"
        >
          <Input maxLength={200} />
        </CheckedItem>
        <div className="span-2">
          <Typography.Text strong>{t('customer.wizard.subject.communicationAddress')}</Typography.Text>
          <Typography.Paragraph type="secondary" className="small">
            {t('customer.wizard.subject.communicationAddressHelp')}
          </Typography.Paragraph>
        </div>
        <CheckedItem
          path={['subject', 'communicationAddress', 'province']}
          label={t('customer.wizard.address.province')}
        >
          <AutoComplete options={provinceOptions} filterOption maxLength={16} />
        </CheckedItem>
        <CheckedItem path={['subject', 'communicationAddress', 'city']} label={t('customer.wizard.address.city')}>
          <Input maxLength={32} />
        </CheckedItem>
        <CheckedItem
          path={['subject', 'communicationAddress', 'district']}
          label={t('customer.wizard.address.district')}
        >
          <Input maxLength={32} />
        </CheckedItem>
        <CheckedItem path={['subject', 'communicationAddress', 'detail']} label={t('customer.wizard.address.detail')}>
          <Input maxLength={200} autoComplete="street-address" />
        </CheckedItem>

        {org && (
          <>
            <div className="span-2">
              <Typography.Text strong>{t('customer.wizard.subject.legalRep')}</Typography.Text>
            </div>
            <CheckedItem
              path={['subject', 'legalRepresentative', 'name']}
              label={t('customer.wizard.subject.legalRepName')}
            >
              <Input maxLength={60} />
            </CheckedItem>
            <CheckedItem
              path={['subject', 'legalRepresentative', 'certificateType']}
              label={t('customer.wizard.subject.legalRepCertType')}
            >
              <Select options={principalCertificateOptions(pick)} allowClear />
            </CheckedItem>
            <CheckedItem
              path={['subject', 'legalRepresentative', 'certificateNumber']}
              label={t('customer.wizard.subject.legalRepCertNumber')}
            >
              <Input maxLength={40} autoComplete="off" />
            </CheckedItem>
            <CheckedItem path={['subject', 'investorOrAuthority']} label={t('customer.wizard.subject.investor')}>
              <Input maxLength={100} />
            </CheckedItem>
            <CheckedItem
              path={['subject', 'businessScope']}
              label={t('customer.wizard.subject.businessScope')}
              extra={t('customer.wizard.subject.businessScopeHelp')}
              className="span-2"
            >
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </CheckedItem>
            {subject.type === 'ENTERPRISE' && (
              <>
                <CheckedItem path={['subject', 'branchOf', 'name']} label={t('customer.wizard.subject.branchOf')}>
                  <Input maxLength={100} placeholder={t('customer.wizard.subject.branchOfPlaceholder')} />
                </CheckedItem>
                <CheckedItem
                  path={['subject', 'branchOf', 'legalRepresentativeName']}
                  label={t('customer.wizard.subject.branchLegalRep')}
                >
                  <Input maxLength={60} />
                </CheckedItem>
              </>
            )}
            {(subject.type === 'PUBLIC_INSTITUTION' || subject.type === 'OTHER_ORG') && (
              <CheckedItem path={['subject', 'nationalLevel']} valuePropName="checked" className="span-2">
                <Checkbox>{t('customer.wizard.subject.nationalLevel')}</Checkbox>
              </CheckedItem>
            )}
            {subject.type === 'INDIVIDUAL_BUSINESS' && (
              <CheckedItem
                path={['subject', 'hasOfficialSeal']}
                label={t('customer.wizard.subject.hasOfficialSeal')}
                valuePropName="checked"
              >
                <Switch />
              </CheckedItem>
            )}
          </>
        )}
        {needsRemark && (
          <CheckedItem
            path={['subject', 'remark']}
            label={t('customer.wizard.subject.remark')}
            extra={t('customer.wizard.subject.remarkHelp', { province: draft.province })}
            className="span-2"
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </CheckedItem>
        )}
      </div>
    </div>
  );
}
