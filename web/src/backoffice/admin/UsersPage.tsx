import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { qk, type TokenRow, type UserRow, useGet, useSend } from '../api.ts';
import { beijingText, PageTitle } from '../components/common.tsx';
import { type BoKey, useBo } from '../i18n.tsx';

const USER_ROLES = ['customer', 'reviewer', 'photo_agent', 'admin'] as const;
const TOKEN_ROLES = ['edge', 'photo_agent', 'billing', 'admin', 'reviewer'] as const;

/** Users, their roles, and the API tokens of machines (edge proxies, photo points, billing) — the accounts API. */
export function UsersPage() {
  const { t } = useBo();
  const { message } = App.useApp();
  const [secret, setSecret] = useState<string | null>(null);
  const users = useGet<UserRow[]>(qk.users, '/api/v1/admin/users');
  const tokens = useGet<TokenRow[]>(qk.tokens, '/api/v1/admin/tokens');
  const createUser = useSend<{ email: string; password: string; role: string; displayName?: string }>(
    'POST',
    '/api/v1/admin/users',
    [qk.users],
  );
  const setRole = useSend<{ id: string; role: string }>('PUT', (b) => `/api/v1/admin/users/${b.id}/role`, [qk.users]);
  const createToken = useSend<{ name: string; role: string }, { token: string }>('POST', '/api/v1/admin/tokens', [
    qk.tokens,
  ]);
  const revoke = useSend<{ id: string }>('DELETE', (b) => `/api/v1/admin/tokens/${b.id}`, [qk.tokens]);
  const [userForm] = Form.useForm();
  const [tokenForm] = Form.useForm();
  const roleOptions = USER_ROLES.map((r) => ({ value: r, label: t(`role.${r}` as BoKey) }));

  return (
    <div className="bo-page" data-testid="users">
      <PageTitle title={t('users.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('users.title')}>
            <ProblemAlert error={users.error ?? setRole.error} />
            <Table<UserRow>
              size="small"
              rowKey="id"
              loading={users.isPending}
              dataSource={users.data ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('users.email'), dataIndex: 'email' },
                { title: t('users.name'), dataIndex: 'displayName' },
                { title: t('users.accountNo'), dataIndex: 'accountNo' },
                {
                  title: t('users.role'),
                  dataIndex: 'role',
                  render: (role: string, u) => (
                    <Select
                      size="small"
                      value={role}
                      style={{ width: 120 }}
                      options={roleOptions}
                      aria-label={t('users.changeRole')}
                      onChange={async (r) => {
                        await setRole.mutateAsync({ id: u.id, role: r });
                        void message.success(t('users.roleChanged'));
                      }}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('users.create')}>
            <Form
              form={userForm}
              layout="vertical"
              initialValues={{ role: 'reviewer' }}
              onFinish={async (v) => {
                await createUser.mutateAsync(v);
                userForm.resetFields();
                void message.success(t('common.saved'));
              }}
            >
              <Form.Item name="email" label={t('users.email')} rules={[{ required: true, type: 'email' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="displayName" label={t('users.name')}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 8 }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
                <Select options={roleOptions} />
              </Form.Item>
              <ProblemAlert error={createUser.error} />
              <Button type="primary" htmlType="submit" loading={createUser.isPending}>
                {t('users.create')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('tokens.title')} style={{ marginTop: 16 }}>
        {secret && (
          <Alert
            type="warning"
            showIcon
            closable={{ onClose: () => setSecret(null) }}
            title={t('tokens.secret')}
            description={
              <Typography.Text copyable code>
                {secret}
              </Typography.Text>
            }
            style={{ marginBottom: 12 }}
          />
        )}
        <Form
          form={tokenForm}
          layout="inline"
          initialValues={{ role: 'edge' }}
          onFinish={async (v) => {
            const r = await createToken.mutateAsync(v);
            setSecret(r.token);
            tokenForm.resetFields();
          }}
          style={{ marginBottom: 12 }}
        >
          <Form.Item name="name" rules={[{ required: true, whitespace: true }]}>
            <Input placeholder={t('tokens.name')} maxLength={80} aria-label={t('tokens.name')} />
          </Form.Item>
          <Form.Item name="role">
            <Select
              style={{ width: 140 }}
              options={TOKEN_ROLES.map((r) => ({ value: r, label: t(`role.${r}` as BoKey) }))}
              aria-label={t('tokens.role')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={createToken.isPending}>
            {t('tokens.create')}
          </Button>
        </Form>
        <ProblemAlert error={tokens.error ?? createToken.error ?? revoke.error} />
        <Table<TokenRow>
          size="small"
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            { title: t('tokens.role'), dataIndex: 'role', render: (r: string) => t(`role.${r}` as BoKey) },
            { title: t('prov.createdAt'), dataIndex: 'created_at', render: (ms: number) => beijingText(ms) },
            {
              title: t('tokens.lastUsed'),
              dataIndex: 'last_used_at',
              render: (ms: number | null) => (ms ? beijingText(ms) : '—'),
            },
            {
              title: '',
              key: 'x',
              render: (_, r) =>
                r.revoked_at ? (
                  <Tag>{t('tokens.revoked')}</Tag>
                ) : (
                  <Popconfirm title={t('tokens.revoke')} onConfirm={() => revoke.mutateAsync({ id: r.id })}>
                    <Button size="small" danger>
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
