// The console: sign-in, then a layout whose menu lists the pages the signed-in caller may open.
import {
  App as AntApp,
  Button,
  ConfigProvider,
  Layout,
  Menu,
  Result,
  Segmented,
  Space,
  Spin,
  Typography,
} from 'antd';
import { lazy, ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { authorize } from './api/client';
import {
  AuthConfig,
  isExpired,
  keepSession,
  loadConfig,
  refreshDelay,
  refreshOidcSession,
  Session,
  storedSession,
} from './auth';
import { ANTD_LOCALES, I18nProvider, Language, useI18n } from './i18n';
import { mayOpen, PageDef, PAGES, SessionContext, visiblePages } from './pages';

// Signing in is its own chunk too (forms, tabs): a signed-in lead's first page does not load it.
const SignIn = lazy(() => import('./SignIn').then((m) => ({ default: m.SignIn })));
const Callback = lazy(() => import('./SignIn').then((m) => ({ default: m.Callback })));

// Each page is its own chunk: the scorecard's first chart does not wait for the other pages' code.
const VIEWS: Record<PageDef['key'], React.LazyExoticComponent<() => ReactNode>> = {
  scorecard: lazy(() => import('./views/Scorecard')),
  complaints: lazy(() => import('./views/Complaints')),
  crm: lazy(() => import('./views/Crm')),
  aftersales: lazy(() => import('./views/Aftersales')),
  surveys: lazy(() => import('./views/Surveys')),
  training: lazy(() => import('./views/Training')),
  reports: lazy(() => import('./views/Reports')),
};

// Darker secondary text and primary colour than antd's defaults: WCAG AA contrast (4.5:1), which the
// browser tests check with axe. Hovered and pressed primary buttons too: antd derives a lighter blue for
// them, on which white text falls under 4.5:1 (the pointer still rests on a button just clicked).
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};

function Shell({ session, signOut }: { session: Session; signOut: () => void }) {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  const pages = visiblePages(session);
  const current = PAGES.find((p) => location.pathname.startsWith(p.path));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light">
        <Typography.Title level={1} style={{ fontSize: 18, padding: '16px 24px', margin: 0 }}>
          {t('app.title')}
        </Typography.Title>
        <nav aria-label={t('app.menu')}>
          <Menu
            mode="inline"
            selectedKeys={current ? [current.key] : []}
            items={pages.map((p) => ({ key: p.key, label: <Link to={p.path}>{t(p.title)}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: 'transparent', display: 'flex', justifyContent: 'flex-end' }}>
          <Space>
            <Typography.Text data-testid="signed-in-as">
              {session.name ?? session.sub} ({session.roles.join(', ')}
              {session.dept ? ` · ${session.dept}` : ''})
            </Typography.Text>
            <Segmented<Language>
              aria-label={t('app.language')}
              value={language}
              onChange={setLanguage}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Button onClick={signOut}>{t('app.signOut')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <SessionContext.Provider value={session}>
              <Routes>
                {PAGES.map((page) => {
                  const View = VIEWS[page.key];
                  return (
                    <Route
                      key={page.key}
                      path={page.path}
                      element={
                        mayOpen(page, session) ? (
                          <Suspense fallback={<Spin />}>
                            <View />
                          </Suspense>
                        ) : (
                          <Result
                            status="403"
                            title={t('app.forbidden')}
                            subTitle={t('app.forbiddenDetail')}
                          />
                        )
                      }
                    />
                  );
                })}
                <Route
                  path="*"
                  element={
                    pages[0] ? (
                      <Navigate to={pages[0].path} replace />
                    ) : (
                      <Result status="403" title={t('app.nothingToSee')} />
                    )
                  }
                />
              </Routes>
            </SessionContext.Provider>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function Root() {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [configError, setConfigError] = useState<string>();
  const [session, setSession] = useState<Session | null>(storedSession);
  const navigate = useNavigate();
  const location = useLocation();

  const signIn = useCallback((next: Session | null) => {
    keepSession(next);
    setSession(next);
  }, []);
  authorize(session?.token ?? null, () => signIn(null));

  useEffect(() => {
    loadConfig().then(setConfig, (e: Error) => setConfigError(e.message));
  }, []);

  // OIDC: the access token is renewed with the refresh token before it expires; when the provider
  // refuses, the user signs in again.
  useEffect(() => {
    const delay = session ? refreshDelay(session) : null;
    if (!session || delay === null || config?.mode !== 'oidc') return;
    const timer = setTimeout(() => {
      refreshOidcSession(config, session).then(signIn, () => signIn(null));
    }, delay);
    return () => clearTimeout(timer);
  }, [session, config, signIn]);

  // An expired session being refreshed: no page asks the services with its token meanwhile.
  if (session?.refreshToken && isExpired(session) && !configError) return <Spin fullscreen />;
  // Signed in already: the pages need no configuration (only signing in does), so they start at once.
  if (session && location.pathname !== '/callback')
    return <Shell session={session} signOut={() => signIn(null)} />;
  if (configError) return <Result status="error" title={configError} />;
  if (!config) return <Spin fullscreen />;
  return (
    <Suspense fallback={<Spin fullscreen />}>
      {location.pathname === '/callback' ? (
        <Callback
          config={config}
          onSession={(s, returnTo) => {
            signIn(s);
            void navigate(returnTo, { replace: true });
          }}
        />
      ) : (
        <SignIn config={config} onSession={signIn} />
      )}
    </Suspense>
  );
}

function Themed() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} theme={THEME}>
      <AntApp>
        <BrowserRouter>
          <Root />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
