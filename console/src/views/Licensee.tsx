import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Upload, message } from 'antd';
import { api, call, categoryCodes, useIdempotencyKey } from '../api/client';
import { LoadError, StatusTag, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { fmt, type Money } from '../lib/money';
import { beijingToday, lastQuarters, quarterOf } from '../lib/quarters';
import { navigate } from '../lib/router';
import { useMe } from '../session-context';
import { ProblemError } from '../lib/problem';
import { CardPaymentModal } from './CardPaymentModal';

/** A licensee's licences (GET /parties/{me}/licences), paged by cursor. */
export function MyLicences() {
  const { t } = useI18n();
  const me = useMe();
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => call(api.GET('/api/v1/parties/{id}/licences', { params: { path: { id: me.partyId ?? '' }, query: { cursor, limit: '20' } } })), [cursor]);
  return (
    <Card title={t.licences}>
      <LoadError error={page.error} />
      <Table rowKey="id" size="small" loading={page.loading} dataSource={page.data?.items ?? []} pagination={false} data-testid="licence-table"
        columns={[
          { title: t.licence, dataIndex: 'id', render: (id: string) => <a onClick={() => navigate(`/licences/${id}`)}>{id}</a> },
          { title: t.pool, dataIndex: 'poolId' },
          { title: t.type, dataIndex: 'type' },
          { title: t.start, render: (_, l) => l.scope.start },
          { title: t.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]} />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={!cursors.length} onClick={() => setCursors([])}>{t.first}</Button>
        <Button disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>{t.next}</Button>
      </Space>
    </Card>
  );
}

/** One licence: report a quarter's units, see the invoices it produced, pay online. */
export function LicenceDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const licence = useLoad(() => call(api.GET('/api/v1/licences/{id}', { params: { path: { id } } })), [id]);
  const pool = useLoad(async () => licence.data?.poolId ? call(api.GET('/api/v1/pools/{id}', { params: { path: { id: licence.data.poolId } } })) : null, [licence.data?.poolId]);
  const invoices = useLoad(() => call(api.GET('/api/v1/licences/{id}/invoices', { params: { path: { id } } })), [id]);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const quarters = lastQuarters(quarterOf(beijingToday()), 8).reverse();
  const report = async (v: { period: string; category: string; region: string; units: number }) => {
    setBusy(true); setError(null);
    try {
      await call(api.POST('/api/v1/licences/{id}/royalty-reports', { params: { path: { id }, header: { 'Idempotency-Key': idem.key() } }, body: v as never }));
      idem.answered();
      message.success(t.reported);
      invoices.reload();
    } catch (e) { idem.answered(e); setError(showProblem(form, e, ['period', 'category', 'region', 'units'])); }
    finally { setBusy(false); }
  };
  // A quarter's reports as a CSV file (period,category,region,units): all rows or none; refused rows are named.
  const importIdem = useIdempotencyKey();
  const [importErrors, setImportErrors] = useState<string[] | null>(null);
  const importCsv = async (file: File) => {
    setImportErrors(null);
    try {
      const result = await call(api.POST('/api/v1/licences/{id}/royalty-reports/import', {
        params: { path: { id }, header: { 'Idempotency-Key': importIdem.key() } },
        body: (await file.text()) as never,
        bodySerializer: (b: unknown) => b as string,
        headers: { 'Content-Type': 'text/csv' },
      }));
      importIdem.answered();
      message.success(`${t.reported} (${result.imported})`);
      invoices.reload();
    } catch (e) {
      importIdem.answered(e);
      const p = e instanceof ProblemError ? e.problem : null;
      setImportErrors(p?.errors ? Object.entries(p.errors).map(([k, v]) => `${k}: ${v.join(' ')}`) : [e instanceof Error ? e.message : String(e)]);
    }
    return false;
  };
  const [paying, setPaying] = useState<{ id: string; amount: Money } | null>(null);
  return (
    <>
      <LoadError error={licence.error} />
      <Card title={`${t.reportUnits} · ${id}`}>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="report-error" />}
        <Form form={form} layout="inline" onFinish={report} initialValues={{ region: 'CN' }}>
          <Form.Item name="period" label={t.period} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} data-testid="report-period" options={quarters.map((q) => ({ value: q, label: q }))} />
          </Form.Item>
          <Form.Item name="category" label={t.category} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} data-testid="report-category" options={categoryCodes(pool.data?.charter.productCategories).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="region" label={t.region} rules={[{ required: true }]}><Input style={{ width: 80 }} /></Form.Item>
          <Form.Item name="units" label={t.units} rules={[{ required: true }]}><InputNumber min={0} style={{ width: 140 }} data-testid="report-units" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">{t.reportUnits}</Button>
          <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(f) => { void importCsv(f); return false; }}>
            <Button style={{ marginLeft: 8 }} data-testid="report-csv">{t.uploadCsv}</Button>
          </Upload>
        </Form>
        {importErrors && <Alert type="error" style={{ marginTop: 12 }} message={<ul style={{ margin: 0 }}>{importErrors.map((x) => <li key={x}>{x}</li>)}</ul>} />}
      </Card>
      <Card title={t.myInvoices} style={{ marginTop: 16 }}>
        <LoadError error={invoices.error} />
        <Table rowKey="id" size="small" loading={invoices.loading} dataSource={[...(invoices.data?.items ?? [])].reverse()} data-testid="my-invoices"
          columns={[
            { title: t.invoice, dataIndex: 'id' },
            { title: t.period, dataIndex: 'period' },
            { title: t.category, render: (_, i) => i.report.category },
            { title: t.units, render: (_, i) => i.report.units },
            { title: t.amount, render: (_, i) => fmt(i.amount) },
            { title: t.dueOn, dataIndex: 'dueOn' },
            { title: t.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            { title: '', render: (_, i) => i.status !== 'paid' && <Button size="small" data-testid={`card-pay-${i.id}`} onClick={() => setPaying(i)}>{t.pay}</Button> },
          ]} />
      </Card>
      <CardPaymentModal invoice={paying} onClose={(paid) => { setPaying(null); if (paid) { message.success(t.cardPaid); invoices.reload(); } }} />
    </>
  );
}
