import { Alert, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { usePlatformClock, workCalendar } from '../../app/clock.ts';
import { useLang } from '../../app/i18n.ts';
import { ProvinceSelect } from '../common.tsx';
import { type FiledStatus, type Hosting, needToFile, type Serving } from '../logic/need-to-file.ts';
import { expectedApprovalIfStartedOn } from '../logic/timeline.ts';

interface Values {
  domain?: string;
  hosting?: Hosting;
  serving?: Serving;
  filed?: FiledStatus;
  province?: string;
}

const HOSTING: Hosting[] = [
  'PROVIDER_MAINLAND',
  'PROVIDER_NON_MAINLAND',
  'OTHER_MAINLAND',
  'OTHER_NON_MAINLAND',
  'NOWHERE',
];
const SERVING: Serving[] = ['NOW', 'LATER', 'NO'];
const FILED: FiledStatus[] = ['NO', 'OTHER_PROVIDER', 'HERE', 'UNKNOWN'];

const VERDICT_TYPE = {
  IP_ADDRESS: 'success',
  INVALID_DOMAIN: 'warning',
  NOT_NEEDED: 'success',
  NOT_YET_RECOMMENDED: 'info',
  FILE_HERE: 'warning',
  ACCESS_HERE: 'warning',
  ALREADY_DONE: 'success',
  FILE_AT_OTHER_PROVIDER: 'info',
  SUFFIX_NOT_FILABLE: 'error',
} as const;

/** "Do I need to file?" (R-ACS-001, FAQ-001..005): three questions, an answer as the customer chooses. */
export function NeedToFile() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { lang } = useLang();
  const clock = usePlatformClock();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const answer = useMemo(() => {
    if (!values?.domain || !values.hosting || !values.serving) return null;
    return needToFile({
      domain: values.domain,
      hosting: values.hosting,
      serving: values.serving,
      filed: values.filed ?? 'UNKNOWN',
    });
  }, [values]);
  const duration = expectedApprovalIfStartedOn(
    answer?.verdict === 'ACCESS_HERE' ? 'ACCESS' : 'FIRST',
    values?.province ?? null,
    workCalendar(),
    clock.today,
  );
  const showDuration =
    answer && ['FILE_HERE', 'ACCESS_HERE', 'NOT_YET_RECOMMENDED'].includes(answer.verdict) && clock.ready;
  const startTo = user ? '/console/new' : '/sign-up';

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {t('customer.needToFile.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('customer.needToFile.intro')}</Typography.Text>
        </div>
      </div>
      <Card>
        <Form form={form} layout="vertical" initialValues={{ filed: 'UNKNOWN' }} className="need-to-file-form">
          <Form.Item name="domain" label={t('customer.needToFile.domain')} extra={t('customer.needToFile.domainHelp')}>
            <Input placeholder="example.com" autoComplete="off" inputMode="url" />
          </Form.Item>
          <Form.Item name="hosting" label={t('customer.needToFile.hosting')}>
            <Radio.Group className="choice-list">
              <Space orientation="vertical">
                {HOSTING.map((h) => (
                  <Radio key={h} value={h}>
                    {t(`customer.needToFile.hostingOption.${h}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="serving"
            label={t('customer.needToFile.serving')}
            extra={t('customer.needToFile.servingHelp')}
          >
            <Radio.Group>
              <Space orientation="vertical">
                {SERVING.map((s) => (
                  <Radio key={s} value={s}>
                    {t(`customer.needToFile.servingOption.${s}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="filed" label={t('customer.needToFile.filed')}>
            <Radio.Group>
              <Space orientation="vertical">
                {FILED.map((f) => (
                  <Radio key={f} value={f}>
                    {t(`customer.needToFile.filedOption.${f}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="province"
            label={t('customer.needToFile.province')}
            extra={t('customer.needToFile.provinceHelp')}
          >
            <ProvinceSelect allowClear placeholder={t('customer.needToFile.provincePlaceholder')} />
          </Form.Item>
        </Form>
      </Card>

      <section aria-live="polite" aria-label={t('customer.needToFile.answer')}>
        {answer ? (
          <Alert
            type={VERDICT_TYPE[answer.verdict]}
            showIcon
            title={t(`customer.needToFile.verdict.${answer.verdict}.title`)}
            description={
              <div className="stack">
                <div>{t(`customer.needToFile.verdict.${answer.verdict}.body`)}</div>
                {answer.subdomain && answer.registrable && (
                  <div>{t('customer.needToFile.subdomain', { domain: answer.registrable })}</div>
                )}
                {answer.suffixFilable === false && answer.verdict !== 'SUFFIX_NOT_FILABLE' && (
                  <div>{t('customer.needToFile.suffixWarning')}</div>
                )}
                {showDuration && (
                  <div>
                    {t('customer.needToFile.duration', {
                      days: duration.workingDays,
                      date: duration.on,
                    })}
                  </div>
                )}
                <div className="small muted">
                  {t('customer.needToFile.rules', { rules: answer.rules.join(lang === 'zh' ? '、' : ', ') })}
                </div>
                {['FILE_HERE', 'ACCESS_HERE', 'NOT_YET_RECOMMENDED'].includes(answer.verdict) && (
                  <div>
                    <Link to={startTo}>
                      <Button type="primary">
                        {user ? t('customer.needToFile.start') : t('customer.needToFile.signUpToStart')}
                      </Button>
                    </Link>
                  </div>
                )}
              </div>
            }
          />
        ) : (
          <Typography.Paragraph type="secondary">{t('customer.needToFile.fillIn')}</Typography.Paragraph>
        )}
      </section>
    </div>
  );
}
