import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, message } from 'antd';
import { api, call, type Schema } from '../api/client';
import { LoadError, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { feedText } from '../lib/matching';
import { navigate } from '../lib/router';
import { useMe } from '../session-context';

type Entry = Schema<'FeedEntry'>;
const watchKinds = ['ipc', 'keyword', 'holder'] as const;

/**
 * The party's feed (跟踪监测): its watch events and the new listings that fit its demands, oldest first as the server
 * pages them; "load newer" follows `nextCursor`, which the server gives even when nothing newer is there yet.
 */
export function Feed() {
  const { t } = useI18n();
  const me = useMe();
  const partyId = me.partyId!;
  const [entries, setEntries] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const load = async (from?: string) => {
    setLoading(true);
    try {
      let next = from;
      const got: Entry[] = [];
      for (let pages = 0; pages < 10; pages++) {
        const page = await call(api.GET('/api/v1/parties/{id}/feed', { params: { path: { id: partyId }, query: { cursor: next, limit: '100' } } }));
        got.push(...page.items);
        const more = page.items.length === 100;
        next = page.nextCursor ?? next;
        if (!more) break;
      }
      setEntries((es) => [...(from ? es : []), ...got]);
      setCursor(next);
      setError(null);
    } catch (e) { setError(e as Error); }
    finally { setLoading(false); }
  };
  useEffect(() => { load(); }, [partyId]);
  const newestFirst = [...entries].reverse();
  return (
    <Row gutter={16}>
      <Col span={16}>
        <Card title={t.feed} extra={<Button data-testid="feed-newer" loading={loading} onClick={() => load(cursor)}>{t.loadNewer}</Button>}>
          <LoadError error={error} />
          <Table rowKey="seq" size="small" loading={loading} dataSource={newestFirst} pagination={{ pageSize: 15 }} data-testid="feed-table" columns={[
            { title: t.at, width: 150, render: (_, e) => e.createdAt.slice(0, 16).replace('T', ' ') },
            { title: t.kind, width: 170, render: (_, e) => <Tag color={e.kind === 'listing_fits_demand' ? 'green' : 'blue'}>{t.feedKinds[e.kind] ?? e.kind}</Tag> },
            { title: t.subject, render: (_, e) => {
              const d = e.detail as Record<string, unknown>;
              if (e.kind === 'listing_fits_demand')
                return <a onClick={() => navigate(`/demands/${String(d.demandId)}`)}>{feedText(e as never, t.feedKinds)}</a>;
              return <a onClick={() => navigate(`/patents/${encodeURIComponent(e.subject)}`)}>{feedText(e as never, t.feedKinds)}</a>;
            } },
          ]} />
        </Card>
      </Col>
      <Col span={8}><Watches partyId={partyId} /></Col>
    </Row>
  );
}

function Watches({ partyId }: { partyId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const watches = useLoad(() => call(api.GET('/api/v1/parties/{id}/watches', { params: { path: { id: partyId } } })), [partyId]);
  const add = async (v: { kind: Schema<'WatchKind'>; value: string }) => {
    try {
      await call(api.POST('/api/v1/parties/{id}/watches', { params: { path: { id: partyId } }, body: v as never }));
      form.resetFields(['value']);
      watches.reload();
    } catch (e) { setError(showProblem(form, e, ['kind', 'value'])); }
  };
  const remove = async (watchId: string) => {
    try { await call(api.DELETE('/api/v1/parties/{id}/watches/{watchId}', { params: { path: { id: partyId, watchId } } })); watches.reload(); }
    catch (e) { message.error(e instanceof Error ? e.message : String(e)); }
  };
  return (
    <Card title={t.watches}>
      <LoadError error={watches.error} />
      {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="inline" onFinish={add} initialValues={{ kind: 'ipc' }} onValuesChange={() => setError(null)} style={{ marginBottom: 12 }}>
        <Form.Item name="kind"><Select style={{ width: 110 }} options={watchKinds.map((k) => ({ value: k, label: t.watchKinds[k] }))} data-testid="watch-kind" /></Form.Item>
        <Form.Item name="value" rules={[{ required: true }]}><Input style={{ width: 150 }} placeholder="H01M / 钠离子 / pty_…" data-testid="watch-value" /></Form.Item>
        <Button htmlType="submit" data-testid="watch-add">{t.addWatch}</Button>
      </Form>
      <Table rowKey="id" size="small" pagination={false} loading={watches.loading} dataSource={watches.data?.items ?? []} data-testid="watch-table" columns={[
        { title: t.watchKind, render: (_, w) => t.watchKinds[w.kind] ?? w.kind },
        { title: t.watchValue, dataIndex: 'value' },
        { title: '', render: (_, w) => <Space><Button size="small" danger onClick={() => remove(w.id)}>{t.remove}</Button></Space> },
      ]} />
    </Card>
  );
}
