import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth.tsx';
import { useLang } from './i18n.ts';
import { PageLoading } from './PageLoading.tsx';

type MenuItem = NonNullable<MenuProps['items']>[number];

/** Keys of menu items are paths; the selected one is the longest key the current path starts with. */
function selectedKey(items: MenuProps['items'], pathname: string): string[] {
  const keys: string[] = [];
  const walk = (list: MenuProps['items']) => {
    for (const it of list ?? []) {
      if (!it) continue;
      if (typeof it.key === 'string') keys.push(it.key);
      if ('children' in it && it.children) walk(it.children as MenuItem[]);
    }
  };
  walk(items);
  const match = keys
    .filter((k) => k.startsWith('/') && (pathname === k || pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return match ? [match] : [];
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { lang, setLang } = useLang();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => setLang(next)}
      aria-label={t('app.switchLanguage')}
      lang={next === 'zh' ? 'zh-CN' : 'en'}
      className="lang-switch"
    >
      {t(`app.languageName.${next}`)}
    </Button>
  );
}

/** Header with the role's menu (a drawer on phones), language switch and account menu; pages render in <main>. */
export function AppLayout({ menu }: { menu: MenuProps['items'] }) {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const wide = screens.lg ?? true;
  const selected = useMemo(() => selectedKey(menu, pathname), [menu, pathname]);

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    setDrawer(false);
    if (key.startsWith('/')) void navigate(key);
  };

  const account: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: user ? t('app.signedInAs', { email: user.email, accountNo: user.accountNo }) : '',
    },
    { type: 'divider' },
    { key: 'sign-out', icon: <LogoutOutlined aria-hidden />, label: t('app.signOut') },
  ];

  return (
    <Layout className="app-layout">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        {!wide && (
          <Button
            type="text"
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('app.openMenu')}
            aria-expanded={drawer}
            onClick={() => setDrawer(true)}
          />
        )}
        <Link to="/" className="brand">
          {t('app.brand')}
        </Link>
        {wide && (
          <Menu
            mode="horizontal"
            items={menu}
            selectedKeys={selected}
            onClick={onMenu}
            className="app-menu"
            aria-label={t('app.menu')}
          />
        )}
        <Space size={4} className="header-tools">
          <LanguageSwitch />
          {user && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: account,
                onClick: ({ key }) => {
                  // the guard sends a signed-out user to the sign-in page
                  if (key === 'sign-out') void signOut();
                },
              }}
            >
              <Button
                type="text"
                icon={<UserOutlined aria-hidden />}
                aria-label={t('app.accountMenu', { name: user.displayName || user.email })}
              >
                {wide ? user.displayName || user.email : null}
              </Button>
            </Dropdown>
          )}
        </Space>
      </Layout.Header>
      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        placement="left"
        size={280}
        title={t('app.brandLong')}
        styles={{ body: { padding: 0 } }}
      >
        <Menu mode="inline" items={menu} selectedKeys={selected} onClick={onMenu} aria-label={t('app.menu')} />
      </Drawer>
      <Layout.Content>
        <main id="main" tabIndex={-1} className="app-main">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary">{t('app.brandLong')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}

/** Sign-in, sign-up and the public helper: a centred card with the language switch. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout className="app-layout public-layout">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="brand">
          {t('app.brand')}
        </Link>
        <span className="header-tools">
          <LanguageSwitch />
        </span>
      </Layout.Header>
      <Layout.Content>
        <main id="main" tabIndex={-1} className="app-main public-main">
          <Suspense fallback={<PageLoading />}>{children ?? <Outlet />}</Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}
