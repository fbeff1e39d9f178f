import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import * as enUSModule from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import * as zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect, useState } from 'react';
import { ProblemError } from './api.ts';
import { AuthProvider } from './auth.tsx';
import { useLang } from './i18n.ts';

/**
 * antd ships its locales as ES modules without package exports; TypeScript (nodenext) types them as CommonJS while
 * the bundler hands over an ES namespace. Taking `default` when present works for both readings.
 */
function antdLocale(m: object): Locale {
  const d = (m as { default?: unknown }).default;
  return (d && typeof d === 'object' && 'locale' in d ? d : m) as Locale;
}
const zhCN = antdLocale(zhCNModule);
const enUS = antdLocale(enUSModule);

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // a refusal (4xx) will not change by asking again; network trouble might
        retry: (count, err) => count < 2 && !(err instanceof ProblemError && err.status >= 400 && err.status < 500),
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
    },
  });
}

/** Everything around the router: data cache, antd locale and theme, message/modal context, the session. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  const { lang } = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        theme={{
          algorithm: theme.defaultAlgorithm,
          token: { colorPrimary: '#1456c8', borderRadius: 6, fontSize: 14 },
        }}
      >
        <AntApp>
          <AuthProvider>{children}</AuthProvider>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
