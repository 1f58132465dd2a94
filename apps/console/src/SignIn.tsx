// The sign-in screen: the company's identity provider in production (OIDC, auth.ts); in development a
// development token, pasted or minted by the console server for a role and department.
import { Alert, Button, Card, Form, Input, Result, Select, Spin, Tabs } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { SERVICES } from './api/client';
import { AuthConfig, finishOidcSignIn, mintDevToken, Session, sessionOf, startOidcSignIn } from './auth';
import { useI18n } from './i18n';

const ROLES = ['lead', 'admin', 'agent', 'technician', 'auditor'] as const;

function DevSignIn({ onSession }: { onSession: (s: Session) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const [role, setRole] = useState<string>('admin');
  const act = (work: () => Promise<Session>) => {
    setError(undefined);
    work().then(onSession, (e: Error) => setError(e.message));
  };
  return (
    <>
      <Alert type="warning" showIcon title={t('signIn.devWarning')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Tabs
        items={[
          {
            key: 'mint',
            label: t('signIn.pickRole'),
            children: (
              <Form
                layout="vertical"
                initialValues={{ role: 'admin' }}
                onValuesChange={(changed: { role?: string }) => changed.role && setRole(changed.role)}
                onFinish={(v: { role: string; dept?: string; storeId?: string }) =>
                  act(async () => sessionOf(await mintDevToken(v.role, v.dept, v.storeId)))
                }
              >
                <Form.Item name="role" label={t('signIn.role')} rules={[{ required: true }]}>
                  <Select options={ROLES.map((r) => ({ value: r, label: r }))} />
                </Form.Item>
                {role === 'lead' && (
                  <Form.Item name="dept" label={t('signIn.dept')} rules={[{ required: true }]}>
                    <Select options={SERVICES.map((s) => ({ value: s, label: s }))} />
                  </Form.Item>
                )}
                <Form.Item name="storeId" label={t('signIn.store')}>
                  <Input placeholder="SH-001" />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('signIn.submit')}
                </Button>
              </Form>
            ),
          },
          {
            key: 'paste',
            label: t('signIn.pasteToken'),
            children: (
              <Form
                layout="vertical"
                onFinish={(v: { token: string }) => act(() => Promise.resolve(sessionOf(v.token)))}
              >
                <Form.Item name="token" label={t('signIn.token')} rules={[{ required: true }]}>
                  <Input.TextArea rows={4} placeholder="npm run token -- --role lead --dept complaints" />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('signIn.submit')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </>
  );
}

export function SignIn({ config, onSession }: { config: AuthConfig; onSession: (s: Session) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: '10vh' }}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('signIn.title')}</h1>} style={{ width: 440 }}>
        {config.mode === 'dev' ? (
          <DevSignIn onSession={onSession} />
        ) : (
          <>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button
              type="primary"
              block
              onClick={() =>
                void startOidcSignIn(config, location.pathname + location.search).catch((e: Error) =>
                  setError(e.message),
                )
              }
            >
              {t('signIn.company')}
            </Button>
          </>
        )}
      </Card>
    </main>
  );
}

/** /callback: finishes the OIDC sign-in once (React's strict mode runs effects twice in development). */
export function Callback({
  config,
  onSession,
}: {
  config: AuthConfig;
  onSession: (s: Session, returnTo: string) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current || config.mode !== 'oidc') return;
    started.current = true;
    finishOidcSignIn(config, new URLSearchParams(location.search)).then(
      ({ session, returnTo }) => onSession(session, returnTo),
      (e: Error) => setError(e.message),
    );
  }, [config, onSession]);
  if (config.mode !== 'oidc') return <Result status="warning" title={t('signIn.noOidc')} />;
  return error ? <Result status="error" title={t('signIn.failed')} subTitle={error} /> : <Spin fullscreen />;
}
