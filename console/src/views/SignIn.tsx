import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { api, call } from '../api/client';
import { session, looksLikeKey } from '../lib/session';
import { ProblemError } from '../lib/problem';
import { useI18n } from '../i18n';
import type { Me } from '../session-context';

/** Sign-in is pasting a key: it is checked against GET /api/v1/me before the console opens. */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async ({ key }: { key: string }) => {
    if (!looksLikeKey(key)) { form.setFields([{ name: 'key', errors: [t.badKey] }]); return; }
    setBusy(true);
    session.set(key);
    try {
      onSignedIn(await call(api.GET('/api/v1/me')));
    } catch (e) {
      session.clear();
      form.setFields([{ name: 'key', errors: [e instanceof ProblemError ? e.message : String(e)] }]);
    } finally { setBusy(false); }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120 }}>
      <Card title={t.appName} style={{ width: 460 }}>
        <Typography.Paragraph type="secondary">{t.apiKeyHelp}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="key" label={t.apiKey} rules={[{ required: true }]}>
            <Input.Password autoFocus placeholder="pnm_…" data-testid="api-key" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="sign-in">{t.signIn}</Button>
        </Form>
      </Card>
    </div>
  );
}
