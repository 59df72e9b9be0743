import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import dayjs from 'dayjs';
import { api, call, useIdempotencyKey, type Schema } from '../api/client';
import { LoadError, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { needsDatabase, splitConclusions } from '../lib/navigation';
import { ProblemError } from '../lib/problem';
import { beijingToday } from '../lib/quarters';
import { session } from '../lib/session';
import { LandscapeView } from './Navigation';

type Snapshot = Schema<'NavigationSnapshot'>;
type ReportSummary = Schema<'NavigationReportSummary'>;

/**
 * A report's page (`Accept: text/html`) or data pack (`data.csv`): both need the key, which a plain link cannot send, so
 * the console fetches them and hands the browser a blob — a new tab for the page, a download for the CSV.
 */
export async function openReportFile(reportId: string, what: 'html' | 'csv') {
  const path = `/api/v1/navigation/reports/${encodeURIComponent(reportId)}${what === 'csv' ? '/data.csv' : ''}`;
  const tab = what === 'html' ? window.open('', '_blank') : null;
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.get() ?? ''}`, Accept: what === 'html' ? 'text/html' : 'text/csv' } });
  if (!response.ok) {
    tab?.close();
    const problem = await response.json().catch(() => ({}));
    throw new ProblemError({ ...problem, status: response.status });
  }
  const text = await response.text();
  const url = URL.createObjectURL(new Blob([text], { type: what === 'html' ? 'text/html;charset=utf-8' : 'text/csv;charset=utf-8' }));
  if (tab) tab.location.href = url;
  else {
    const a = Object.assign(document.createElement('a'), { href: url, download: `navigation_report_${reportId}.csv` });
    document.body.appendChild(a); a.click(); a.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return text;
}

/** A center's published reports (all projects, or one): version, filing (备案) and the links to its page and data. */
export function ReportsTable({ centerId, projectId, reloadKey }: { centerId: string; projectId?: string; reloadKey?: number }) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const reports = useLoad(() => call(api.GET('/api/v1/operating-centers/{id}/navigation-reports', { params: { path: { id: centerId }, query: { cursor, limit: '50' } } })),
    [centerId, cursor, reloadKey]);
  const [filing, setFiling] = useState<ReportSummary | null>(null);
  const items = (reports.data?.items ?? []).filter((r) => !projectId || r.projectId === projectId);
  const open = (id: string, what: 'html' | 'csv') => openReportFile(id, what).catch((e) => message.error(e instanceof Error ? e.message : String(e)));
  return (
    <>
      <LoadError error={reports.error} />
      <Table rowKey="id" size="small" loading={reports.loading} dataSource={items} pagination={false} data-testid="report-table" columns={[
        { title: t.reportTitle, dataIndex: 'title' },
        ...(projectId ? [] : [{ title: t.projects, render: (_: unknown, r: ReportSummary) => r.projectName }]),
        { title: t.version, render: (_, r) => <Tag data-testid={`report-version-${r.id}`}>v{r.version}</Tag> },
        { title: t.asOf, dataIndex: 'asOf' },
        { title: t.publishedAt, render: (_, r) => r.publishedAt.slice(0, 10) },
        { title: t.filing, render: (_, r) => r.filing
          ? <Tag color="green" data-testid={`report-filed-${r.id}`}>{t.filed} {r.filing.filingNumber} · {r.filing.filedOn}</Tag>
          : <Space><Tag>{t.notFiled}</Tag><Button size="small" data-testid={`report-file-${r.id}`} onClick={() => setFiling(r)}>{t.fileReport}</Button></Space> },
        { title: '', render: (_, r) => <Space>
          <Button size="small" data-testid={`report-html-${r.id}`} onClick={() => open(r.id, 'html')}>{t.html}</Button>
          <Button size="small" data-testid={`report-csv-${r.id}`} onClick={() => open(r.id, 'csv')}>{t.dataCsv}</Button>
        </Space> },
      ]} />
      <Space style={{ marginTop: 8 }}>
        <Button size="small" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t.previous}</Button>
        <Button size="small" disabled={!reports.data?.nextCursor} onClick={() => setCursors((c) => [...c, reports.data!.nextCursor ?? undefined])}>{t.next}</Button>
      </Space>
      {filing && <FilingModal report={filing} onClose={(done) => { setFiling(null); if (done) reports.reload(); }} />}
    </>
  );
}

function FilingModal({ report, onClose }: { report: ReportSummary; onClose: (done: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { filingNumber: string; filedOn: dayjs.Dayjs }) => {
    try {
      await call(api.POST('/api/v1/navigation/reports/{id}/filing', { params: { path: { id: report.id } }, body: { filingNumber: v.filingNumber, filedOn: v.filedOn.format('YYYY-MM-DD') } as never }));
      message.success(t.filed);
      onClose(true);
    } catch (e) { setError(showProblem(form, e, ['filingNumber', 'filedOn'])); }
  };
  return (
    <Modal open title={`${t.fileReport} · ${report.title} v${report.version}`} onCancel={() => onClose(false)} onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'filing-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ filedOn: dayjs(beijingToday()) }}>
        <Form.Item name="filingNumber" label={t.filingNumber} rules={[{ required: true }]}><Input data-testid="filing-number" placeholder="粤知导备〔2026〕0001号" /></Form.Item>
        <Form.Item name="filedOn" label={t.filedOn} rules={[{ required: true }]}><DatePicker data-testid="filing-date" style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** One navigation project: its scope and type, snapshots (take one; the taken one's landscape is shown), reports (publish). */
export function ProjectDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const project = useLoad(() => call(api.GET('/api/v1/navigation/projects/{id}', { params: { path: { id } } })), [id]);
  const [taken, setTaken] = useState<Snapshot | null>(null);
  const [error, setError] = useState<{ text: string; db: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [reloadReports, setReloadReports] = useState(0);
  const idem = useIdempotencyKey();
  const p = project.data;
  const snapshot = async () => {
    setBusy(true); setError(null);
    try {
      const s = await call(api.POST('/api/v1/navigation/projects/{id}/snapshots', { params: { path: { id }, header: { 'Idempotency-Key': idem.key() } } }));
      idem.answered();
      setTaken(s);
      message.success(t.snapshotTaken);
      project.reload();
    } catch (e) {
      idem.answered(e);
      const db = e instanceof ProblemError && needsDatabase(e.problem);
      setError({ text: db ? t.needsDatabase : e instanceof Error ? e.message : String(e), db });
    } finally { setBusy(false); }
  };
  return (
    <>
      <LoadError error={project.error} />
      {p && (
        <Card title={<span data-testid="project-title">{p.name}</span>} extra={<Tag color="blue">{t.projectTypes[p.type] ?? p.type}</Tag>}>
          <Descriptions size="small" column={3} items={[
            { label: t.ipcPrefixes, children: p.scope.ipc.join(', ') || '—' },
            { label: t.keywords, children: p.scope.keywords.join(', ') || '—' },
            { label: t.filedFrom, children: `${p.scope.from ?? '—'} – ${p.scope.to ?? '—'}` },
            { label: t.regionCode, children: p.scope.region ?? '—' },
            { label: t.pool, children: p.scope.poolId ?? '—' },
            { label: t.focus, children: p.scope.focus ?? '—' },
            { label: t.createdAt, children: p.createdAt.slice(0, 10) },
            { label: 'ID', children: p.id },
          ]} />
        </Card>
      )}
      {p && (
        <Card title={t.snapshots} style={{ marginTop: 16 }} extra={<Space>
          <Button type="primary" loading={busy} onClick={snapshot} data-testid="take-snapshot">{t.takeSnapshot}</Button>
          <Button disabled={!p.snapshots.length} onClick={() => setPublishing(true)} data-testid="publish-report">{t.publishReport}</Button>
        </Space>}>
          {error && <Alert type={error.db ? 'warning' : 'error'} showIcon message={error.text} style={{ marginBottom: 12 }} data-testid="snapshot-error" />}
          <Table rowKey="id" size="small" pagination={false} dataSource={[...p.snapshots].reverse()} data-testid="snapshot-table" locale={{ emptyText: t.noSnapshots }} columns={[
            { title: t.snapshot, dataIndex: 'id' },
            { title: t.takenAt, render: (_, s) => s.takenAt.slice(0, 16).replace('T', ' ') },
            { title: t.asOf, dataIndex: 'asOf' },
            { title: t.patentsInScope, dataIndex: 'patents' },
          ]} />
        </Card>
      )}
      {p && (
        <Card title={t.reports} style={{ marginTop: 16 }}>
          <ReportsTable centerId={p.centerId} projectId={p.id} reloadKey={reloadReports} />
        </Card>
      )}
      {taken && <LandscapeView landscape={taken.landscape} />}
      {p && publishing && <PublishModal projectId={p.id} snapshots={p.snapshots}
        onClose={(done) => { setPublishing(false); if (done) { project.reload(); setReloadReports((x) => x + 1); } }} />}
    </>
  );
}

function PublishModal({ projectId, snapshots, onClose }: { projectId: string; snapshots: Schema<'SnapshotReference'>[]; onClose: (done: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const submit = async (v: { snapshotId: string; title: string; conclusions: string }) => {
    setBusy(true);
    try {
      const r = await call(api.POST('/api/v1/navigation/projects/{id}/reports', {
        params: { path: { id: projectId }, header: { 'Idempotency-Key': idem.key() } },
        body: { snapshotId: v.snapshotId, title: v.title, conclusions: splitConclusions(v.conclusions ?? '') },
      }));
      idem.answered();
      message.success(`${t.published} v${r.content.version}`);
      onClose(true);
    } catch (e) {
      idem.answered(e);
      // conclusions[i] problems belong to the one text area.
      if (e instanceof ProblemError && e.problem.errors)
        e.problem.errors = Object.fromEntries(Object.entries(e.problem.errors).map(([k, v]) => [k.startsWith('conclusions') ? 'conclusions' : k, v]));
      setError(showProblem(form, e, ['snapshotId', 'title', 'conclusions']));
    } finally { setBusy(false); }
  };
  const latest = snapshots[snapshots.length - 1];
  return (
    <Modal open width={720} title={t.publishReport} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'report-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ snapshotId: latest?.id }}>
        <Form.Item name="snapshotId" label={t.snapshot} rules={[{ required: true }]}>
          <Select data-testid="report-snapshot" options={[...snapshots].reverse().map((s) => ({ value: s.id, label: `${s.id} · ${s.asOf} · ${s.patents}` }))} />
        </Form.Item>
        <Form.Item name="title" label={t.reportTitle} rules={[{ required: true }]}><Input data-testid="report-title" /></Form.Item>
        <Form.Item name="conclusions" label={t.conclusions} extra={t.conclusionsHelp} rules={[{ required: true }]}>
          <Input.TextArea rows={6} data-testid="report-conclusions" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
