import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { isProblem } from '../api.ts';
import { homeOf, useAuth } from '../auth.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

interface SignUpValues {
  displayName?: string;
  email: string;
  password: string;
  confirm: string;
}

export function SignUp() {
  const { t } = useTranslation();
  const { user, signUp } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignUpValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={homeOf(user.role)} replace />;

  const onFinish = async (v: SignUpValues) => {
    setBusy(true);
    setError(null);
    try {
      const u = await signUp({
        email: v.email.trim(),
        password: v.password,
        ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
      });
      void navigate(homeOf(u.role), { replace: true });
    } catch (err) {
      // field-level refusals go to their fields; anything else above the form
      if (isProblem(err) && err.errors.length) {
        form.setFields(
          err.errors
            .filter((e) => ['email', 'password', 'displayName'].includes(e.field))
            .map((e) => ({ name: e.field as keyof SignUpValues, errors: [e.message] })),
        );
      }
      if (isProblem(err, 'EMAIL_TAKEN')) form.setFields([{ name: 'email', errors: [err.detail] }]);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="auth-card">
      <Typography.Title level={1} className="page-title">
        {t('app.signUp.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('app.signUp.subtitle')}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} className="auth-form">
        <Form.Item name="displayName" label={t('app.signUp.displayName')}>
          <Input autoComplete="name" maxLength={60} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('app.signUp.email')}
          rules={[{ required: true, type: 'email', message: t('app.signUp.emailInvalid') }]}
        >
          <Input type="email" autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('app.signUp.password')}
          extra={t('app.signUp.passwordHelp')}
          rules={[{ required: true, min: 8, message: t('app.signUp.passwordTooShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('app.signUp.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('app.signUp.confirmMismatch') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('app.signUp.confirmMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('app.signUp.submit')}
        </Button>
      </Form>
      <Typography.Paragraph className="auth-links">
        {t('app.signUp.haveAccount')} <Link to="/sign-in">{t('app.signUp.toSignIn')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
