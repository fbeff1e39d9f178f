import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { homeOf, useAuth } from '../auth.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function SignIn() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={safeNext(params.get('next')) ?? homeOf(user.role)} replace />;

  const onFinish = async (v: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const u = await signIn(v.email.trim(), v.password);
      void navigate(safeNext(params.get('next')) ?? homeOf(u.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="auth-card">
      <Typography.Title level={1} className="page-title">
        {t('app.signIn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('app.signIn.subtitle')}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Form layout="vertical" onFinish={onFinish} requiredMark={false} className="auth-form">
        <Form.Item
          name="email"
          label={t('app.signIn.email')}
          rules={[{ required: true, message: t('app.signIn.emailRequired') }]}
        >
          <Input type="email" autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('app.signIn.password')}
          rules={[{ required: true, message: t('app.signIn.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('app.signIn.submit')}
        </Button>
      </Form>
      <Typography.Paragraph className="auth-links">
        {t('app.signIn.noAccount')} <Link to="/sign-up">{t('app.signIn.toSignUp')}</Link>
        <br />
        {t('app.signIn.needToFile')} <Link to="/need-to-file">{t('app.signIn.needToFileLink')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
