import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, message } from 'antd';
import { api, call } from '../api/client';
import { LoadError, StatusTag, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { navigate } from '../lib/router';
import { hasRole, useMe } from '../session-context';
import { allPages } from '../lib/pages';

type Filters = { q?: string; ipc?: string; type?: string; status?: string; owner?: string };

/** Search with filters, page by cursor; operators register new patents. */
export function Patents({ owner }: { owner?: string }) {
  const { t } = useI18n();
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({ owner });
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => call(api.GET('/api/v1/patents', { params: { query: { ...filters, cursor, limit: '20' } as never } })), [JSON.stringify(filters), cursor]);
  const [registering, setRegistering] = useState(false);
  return (
    <Card title={t.patents} extra={hasRole(me, 'operator') && <Button type="primary" data-testid="register-patent" onClick={() => setRegistering(true)}>{t.registerPatent}</Button>}>
      <Form layout="inline" onFinish={(v) => { setCursors([]); setFilters({ ...v, owner }); }} style={{ marginBottom: 16 }}>
        <Form.Item name="q"><Input placeholder={t.keywords} allowClear data-testid="search-q" /></Form.Item>
        <Form.Item name="ipc"><Input placeholder={t.ipc} allowClear style={{ width: 120 }} /></Form.Item>
        <Form.Item name="type"><Select placeholder={t.type} allowClear style={{ width: 130 }} options={Object.entries(t.types).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="status"><Select placeholder={t.status} allowClear style={{ width: 120 }} options={['granted', 'pending', 'lapsed', 'expired', 'invalidated'].map((value) => ({ value, label: t.statuses[value] ?? value }))} /></Form.Item>
        <Button htmlType="submit" type="primary" data-testid="search">{t.search}</Button>
      </Form>
      <LoadError error={page.error} />
      <Table rowKey="number" size="small" loading={page.loading} dataSource={page.data?.items ?? []} pagination={false} data-testid="patent-table"
        columns={[
          { title: t.number, dataIndex: 'number', render: (n: string) => <a onClick={() => navigate(`/patents/${encodeURIComponent(n)}`)}>{n}</a> },
          { title: t.title, dataIndex: 'title' },
          { title: t.type, dataIndex: 'type', render: (x: string) => t.types[x] ?? x },
          { title: t.ipc, dataIndex: 'ipc', render: (x: string[]) => x.join(', ') },
          { title: t.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]} />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={!cursors.length} onClick={() => setCursors([])}>{t.first}</Button>
        <Button disabled={!page.data?.nextCursor} data-testid="next-page" onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>{t.next}</Button>
      </Space>
      <RegisterPatent open={registering} onClose={(number) => { setRegistering(false); if (number) navigate(`/patents/${encodeURIComponent(number)}`); }} />
    </Card>
  );
}

const fields = ['number', 'title', 'abstract', 'ipc', 'filingDate', 'grantDate', 'ownerIds'];

function RegisterPatent({ open, onClose }: { open: boolean; onClose: (number?: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  // Every party may own a patent: all pages of the parties list, following its cursors.
  const parties = useLoad(async () => open ? await allPages((cursor) => call(api.GET('/api/v1/parties', { params: { query: { cursor, limit: '100' } } }))) : [], [open]);
  const submit = async (v: { number: string; title: string; abstract: string; ipc: string; filingDate: { format: (f: string) => string }; grantDate?: { format: (f: string) => string }; ownerIds: string[] }) => {
    try {
      const p = await call(api.POST('/api/v1/patents', { body: {
        number: v.number, title: v.title, abstract: v.abstract ?? '',
        ipc: v.ipc.split(/[,，;\s]+/).filter(Boolean), filingDate: v.filingDate.format('YYYY-MM-DD'),
        grantDate: v.grantDate?.format('YYYY-MM-DD') ?? null, status: v.grantDate ? 'granted' : 'pending', ownerIds: v.ownerIds,
      } as never }));
      message.success(t.registered);
      form.resetFields();
      onClose((p as { number: string }).number);
    } catch (e) { setError(showProblem(form, e, fields)); }
  };
  return (
    <Modal open={open} title={t.registerPatent} onCancel={() => onClose()} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'register-submit' } as never} width={640}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}>
        <Form.Item name="number" label={t.number} rules={[{ required: true }]}><Input placeholder="ZL 2023 1 0123456.X" data-testid="patent-number" /></Form.Item>
        <Form.Item name="title" label={t.title} rules={[{ required: true }]}><Input data-testid="patent-title" /></Form.Item>
        <Form.Item name="abstract" label={t.abstract}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="ipc" label={t.ipc} rules={[{ required: true }]}><Input placeholder="H01M10/052" data-testid="patent-ipc" /></Form.Item>
        <Space>
          <Form.Item name="filingDate" label={t.filingDate} rules={[{ required: true }]}><DatePicker data-testid="filing-date" /></Form.Item>
          <Form.Item name="grantDate" label={t.grantDate}><DatePicker data-testid="grant-date" /></Form.Item>
        </Space>
        <Form.Item name="ownerIds" label={t.owners} rules={[{ required: true }]}>
          <Select mode="multiple" data-testid="patent-owners" showSearch optionFilterProp="label"
            options={(parties.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.id})` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
