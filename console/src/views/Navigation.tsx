import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { api, call, useIdempotencyKey, type Schema } from '../api/client';
import { Chart, LoadError, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { formatMoney } from '../lib/money';
import {
  formatGrowth, formatHhi, formatShare, growthRows, hasAmount, histogramBars, holderBars, lifeCycleSeries, needsDatabase, operationsByPeriod,
  scopeBody, scopeFields, scopeQuery, trendSeries, type ScopeForm,
} from '../lib/navigation';
import { ProblemError } from '../lib/problem';
import { navigate } from '../lib/router';
import { hasRole, useMe } from '../session-context';
import { ReportsTable } from './NavigationProjects';

type Landscape = Schema<'Landscape'>;
const projectTypes = ['regional_planning', 'industrial_planning', 'enterprise_operation', 'research_and_development', 'talent'] as const;

type ScopeValues = Omit<ScopeForm, 'from' | 'to'> & { from?: dayjs.Dayjs | null; to?: dayjs.Dayjs | null };
const toScope = (v: ScopeValues): ScopeForm => ({ ...v, from: v.from?.format('YYYY-MM-DD') ?? null, to: v.to?.format('YYYY-MM-DD') ?? null });

/** 专利导航: a scope form → the landscape's charts; for an operating center also its projects and published reports. */
export function Navigation() {
  const { t } = useI18n();
  const me = useMe();
  const operator = hasRole(me, 'operator') && me.partyId != null;
  const [form] = Form.useForm<ScopeValues>();
  const [scope, setScope] = useState<ScopeForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const pools = useLoad(async () => (await call(api.GET('/api/v1/pools'))).items, []);
  const landscape = useLoad(async () => {
    if (!scope) return null;
    setError(null);
    try {
      return await call(api.GET('/api/v1/navigation/landscape', { params: { query: scopeQuery(scope) as never } }));
    } catch (e) {
      // The embedded market's 409 is a message of its own; a refused field shows next to it; the rest above the form.
      if (e instanceof ProblemError && needsDatabase(e.problem)) throw e;
      setError(showProblem(form, e, scopeFields));
      return null;
    }
  }, [scope]);
  const dbMissing = landscape.error instanceof ProblemError && needsDatabase(landscape.error.problem);
  return (
    <>
      <Card title={t.navigation} data-testid="navigation-scope"
        extra={operator && <Button data-testid="scope-as-project" onClick={() => setCreating(true)}>{t.saveAsProject}</Button>}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="scope-error" />}
        <Form form={form} layout="inline" initialValues={{ currency: 'CNY' }} onFinish={(v) => setScope(toScope(v))} onValuesChange={() => setError(null)}>
          <Form.Item name="ipc" label={t.ipcPrefixes} tooltip={t.ipcPrefixesHelp}><Input allowClear style={{ width: 200 }} placeholder="H01M, H01M10" data-testid="scope-ipc" /></Form.Item>
          <Form.Item name="q" label={t.keywords} tooltip={t.keywordsHelp}><Input allowClear style={{ width: 200 }} placeholder="正极材料, 电解质" data-testid="scope-q" /></Form.Item>
          <Form.Item name="from" label={t.filedFrom}><DatePicker data-testid="scope-from" /></Form.Item>
          <Form.Item name="to" label={t.filedTo}><DatePicker data-testid="scope-to" /></Form.Item>
          <Form.Item name="region" label={t.regionCode}><Input allowClear style={{ width: 110 }} placeholder="440000" data-testid="scope-region" /></Form.Item>
          <Form.Item name="pool" label={t.pool}>
            <Select allowClear style={{ width: 200 }} data-testid="scope-pool" options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="focus" label={t.focus}><Input allowClear style={{ width: 170 }} placeholder="440000 / pty_…" data-testid="scope-focus" /></Form.Item>
          <Form.Item name="currency" hidden><Input /></Form.Item>
          <Button type="primary" htmlType="submit" data-testid="analyse" loading={landscape.loading && !!scope}>{t.analyse}</Button>
        </Form>
      </Card>
      {dbMissing && <Alert type="warning" showIcon style={{ marginTop: 16 }} message={t.needsDatabase} data-testid="needs-database" />}
      {!dbMissing && <LoadError error={landscape.error} />}
      {landscape.data && <LandscapeView landscape={landscape.data} />}
      {operator && <CenterNavigation centerId={me.partyId!} />}
      {creating && <NewProjectModal scope={toScope(form.getFieldsValue())} centerId={me.partyId!} onClose={(id) => { setCreating(false); if (id) navigate(`/navigation/projects/${id}`); }} />}
    </>
  );
}

/** A center's projects and its published reports, under the landscape. */
function CenterNavigation({ centerId }: { centerId: string }) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const projects = useLoad(() => call(api.GET('/api/v1/operating-centers/{id}/navigation-projects', { params: { path: { id: centerId }, query: { cursor, limit: '20' } } })), [centerId, cursor]);
  return (
    <>
      <Card title={t.projects} style={{ marginTop: 16 }} data-testid="projects">
        <LoadError error={projects.error} />
        <Table rowKey="id" size="small" loading={projects.loading} dataSource={projects.data?.items ?? []} pagination={false} data-testid="project-table"
          columns={[
            { title: t.projectName, dataIndex: 'name', render: (n: string, p) => <a onClick={() => navigate(`/navigation/projects/${p.id}`)}>{n}</a> },
            { title: t.projectType, dataIndex: 'type', render: (x: string) => t.projectTypes[x] ?? x },
            { title: t.scope, render: (_, p) => [p.scope.ipc.join(', '), p.scope.keywords.join(', '), p.scope.region, p.scope.poolId].filter(Boolean).join(' · ') || '—' },
            { title: t.snapshots, dataIndex: 'snapshots' },
            { title: t.latestVersion, render: (_, p) => (p.latestVersion != null ? `v${p.latestVersion}` : '—') },
            { title: t.createdAt, render: (_, p) => p.createdAt.slice(0, 10) },
          ]} />
        <Space style={{ marginTop: 8 }}>
          <Button size="small" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t.previous}</Button>
          <Button size="small" disabled={!projects.data?.nextCursor} onClick={() => setCursors((c) => [...c, projects.data!.nextCursor ?? undefined])}>{t.next}</Button>
        </Space>
      </Card>
      <Card title={t.reports} style={{ marginTop: 16 }}>
        <ReportsTable centerId={centerId} />
      </Card>
    </>
  );
}

export function NewProjectModal({ scope, centerId, onClose }: { scope: ScopeForm; centerId: string; onClose: (id?: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const submit = async (v: { name: string; type: (typeof projectTypes)[number] }) => {
    setBusy(true);
    try {
      const p = await call(api.POST('/api/v1/navigation/projects', {
        params: { header: { 'Idempotency-Key': idem.key() } }, body: { centerId, name: v.name, type: v.type, scope: scopeBody(scope) } as never,
      }));
      idem.answered();
      onClose(p.id);
    } catch (e) {
      idem.answered(e);
      setError(showProblem(form, e, ['name', 'type', 'centerId']));
    } finally { setBusy(false); }
  };
  const q = scopeQuery(scope);
  return (
    <Modal open title={t.newProject} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'project-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t.scope}: {Object.entries(q).map(([k, v]) => `${k}=${v}`).join(' · ') || '—'}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'industrial_planning' }}>
        <Form.Item name="name" label={t.projectName} rules={[{ required: true }]}><Input data-testid="project-name" /></Form.Item>
        <Form.Item name="type" label={t.projectType} rules={[{ required: true }]}>
          <Select data-testid="project-type" options={projectTypes.map((x) => ({ value: x, label: t.projectTypes[x] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Every section of a landscape document (or a snapshot's): the charts and tables of docs/NAVIGATION.md. */
export function LandscapeView({ landscape: l }: { landscape: Landscape }) {
  const { t } = useI18n();
  return (
    <div data-testid="landscape">
      <Card style={{ marginTop: 16 }} size="small">
        <Space size="large" wrap>
          <Statistic title={t.patentsInScope} value={l.patents} data-testid="landscape-patents" />
          <Statistic title={t.asOf} value={l.asOf} />
          {l.holders && <Statistic title={t.lifeCycle} value={t.stages[l.holders.stage] ?? l.holders.stage} data-testid="life-cycle" />}
          {l.holders && <Statistic title={t.hhi} value={formatHhi(l.holders.concentration.hhi)} suffix={<Tag>{t.bands[l.holders.concentration.band]}</Tag>} data-testid="hhi" />}
        </Space>
      </Card>
      {l.trend && <TrendCard trend={l.trend} />}
      {l.holders && <HoldersCard holders={l.holders} currency={l.value?.currency ?? 'CNY'} />}
      <Row gutter={16}>
        {l.composition && <Col span={12}><CompositionCard c={l.composition} patents={l.patents} /></Col>}
        {l.value && <Col span={12}><ValueCard v={l.value} /></Col>}
      </Row>
      {l.operations && <OperationsCard ops={l.operations} currency={l.value?.currency ?? 'CNY'} />}
      {l.positioning && <PositioningCard p={l.positioning} />}
    </div>
  );
}

function TrendCard({ trend }: { trend: NonNullable<Landscape['trend']> }) {
  const { t } = useI18n();
  const [by, setBy] = useState<'status' | 'type'>('status');
  const series = useMemo(() => trendSeries(trend, by), [trend, by]);
  const label = (name: string) => (by === 'status' ? t.statuses[name] : t.types[name]) ?? name;
  return (
    <Card title={t.trend} style={{ marginTop: 16 }} extra={<Segmented value={by} onChange={(v) => setBy(v as 'status' | 'type')}
      options={[{ value: 'status', label: t.byStatus }, { value: 'type', label: t.byType }]} />}>
      <Chart testId="trend-chart" height={300} option={{
        tooltip: { trigger: 'axis' },
        legend: { data: [...series.stacks.map((x) => `${t.filings} · ${label(x.name)}`), t.grants] },
        xAxis: { type: 'category', data: series.years.map(String) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          ...series.stacks.map((x) => ({ name: `${t.filings} · ${label(x.name)}`, type: 'bar' as const, stack: 'filings', data: x.data })),
          { name: t.grants, type: 'line' as const, data: series.grants },
        ],
      }} />
      <Typography.Title level={5}>{t.growth} ({trend.baseYear}–{trend.endYear})</Typography.Title>
      <Table rowKey="class" size="small" dataSource={growthRows(trend.growth)} pagination={{ pageSize: 8 }} data-testid="growth-table" columns={[
        { title: t.mainGroup, dataIndex: 'class', render: (c: string, g) => <Space>{c}{g.hotSpot && <Tag color="red">{t.hotSpot}</Tag>}</Space> },
        { title: t.baseFilings, dataIndex: 'baseFilings' },
        { title: t.endFilings, dataIndex: 'endFilings' },
        { title: t.windowFilings, dataIndex: 'windowFilings' },
        { title: t.cagr, render: (_, g) => formatGrowth(g.cagr) },
      ]} />
    </Card>
  );
}

function HoldersCard({ holders: h, currency }: { holders: NonNullable<Landscape['holders']>; currency: string }) {
  const { t } = useI18n();
  const bars = holderBars(h.ranking, 10);
  const life = lifeCycleSeries(h.perYear, h.newEntrants);
  return (
    <Card title={t.holdersRanking} style={{ marginTop: 16 }}>
      <Descriptions size="small" column={6} data-testid="concentration" items={[
        { label: t.hhi, children: formatHhi(h.concentration.hhi) },
        { label: t.concentration, children: t.bands[h.concentration.band] ?? h.concentration.band },
        { label: t.cr4, children: formatShare(h.concentration.cr4) },
        { label: t.cr8, children: formatShare(h.concentration.cr8) },
        { label: t.holdersCount, children: h.concentration.holders },
        { label: t.lifeCycle, children: t.stages[h.stage] ?? h.stage },
      ]} />
      <Row gutter={16}>
        <Col span={12}>
          <Chart testId="holders-chart" height={Math.max(220, 40 + bars.length * 30)} option={{
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v} %` },
            grid: { left: 200, right: 30 },
            yAxis: { type: 'category', data: bars.map((b) => b.label), inverse: true },
            xAxis: { type: 'value', name: '%' },
            series: [{ type: 'bar', name: t.share, data: bars.map((b) => b.percent) }],
          }} />
        </Col>
        <Col span={12}>
          <Chart testId="life-cycle-chart" height={260} option={{
            tooltip: { trigger: 'axis' },
            legend: { data: [t.holdersCount, t.filings, t.newEntrants] },
            xAxis: { type: 'category', data: life.years.map(String) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              { name: t.holdersCount, type: 'line', data: life.holders },
              { name: t.filings, type: 'line', data: life.filings },
              { name: t.newEntrants, type: 'bar', data: life.entrants },
            ],
          }} />
        </Col>
      </Row>
      <Table rowKey="id" size="small" dataSource={h.ranking} pagination={{ pageSize: 10 }} data-testid="holders-table" columns={[
        { title: t.rank, dataIndex: 'rank', width: 60 },
        { title: t.holder, render: (_, r) => r.name ?? r.id },
        { title: t.kind, render: (_, r) => r.kind ?? '—' },
        { title: t.region, render: (_, r) => r.region ?? '—' },
        { title: t.patents, dataIndex: 'patents' },
        { title: t.weight, dataIndex: 'weight' },
        { title: t.share, render: (_, r) => formatShare(r.share) },
        { title: t.value, render: (_, r) => formatMoney(r.value, currency) },
      ]} />
    </Card>
  );
}

function CompositionCard({ c, patents }: { c: NonNullable<Landscape['composition']>; patents: number }) {
  const { t } = useI18n();
  const groups = c.mainGroups.slice(0, 15);
  return (
    <Card title={t.composition} style={{ marginTop: 16 }}>
      <Descriptions size="small" column={2} items={[
        { label: t.coOwned, children: `${c.coOwned} / ${patents} (${formatShare(c.coOwnedShare)})` },
        { label: t.academic, children: `${c.academic} / ${patents} (${formatShare(c.academicShare)})` },
      ]} />
      <Chart testId="subclass-chart" height={240} option={{
        tooltip: { trigger: 'item' },
        series: [{ type: 'pie', radius: ['35%', '65%'], name: t.subclass, data: c.subclasses.map((s) => ({ name: s.class, value: s.patents })) }],
      }} />
      <Chart testId="main-group-chart" height={Math.max(200, 30 + groups.length * 22)} option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 110, right: 20 },
        yAxis: { type: 'category', data: groups.map((g) => g.class), inverse: true },
        xAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', name: t.mainGroup, data: groups.map((g) => g.patents) }],
      }} />
    </Card>
  );
}

function ValueCard({ v }: { v: NonNullable<Landscape['value']> }) {
  const { t, lang } = useI18n();
  const bars = histogramBars(v.histogram, lang);
  const m = (x: number | null | undefined) => (x == null ? '—' : formatMoney(x, v.currency));
  return (
    <Card title={t.valueSection} style={{ marginTop: 16 }}>
      <Descriptions size="small" column={3} data-testid="value-quartiles" items={[
        { label: t.valued, children: v.valued }, { label: t.total, children: m(v.total) }, { label: t.perHolder, children: m(v.perHolder) },
        { label: t.min, children: m(v.min) }, { label: t.q1, children: m(v.q1) }, { label: t.median, children: m(v.median) },
        { label: t.q3, children: m(v.q3) }, { label: t.max, children: m(v.max) },
      ]} />
      <Chart testId="value-chart" height={240} option={{
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: bars.map((b) => b.label), name: v.currency },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', name: t.histogram, data: bars.map((b) => b.patents) }],
      }} />
    </Card>
  );
}

function OperationsCard({ ops, currency }: { ops: NonNullable<Landscape['operations']>; currency: string }) {
  const { t } = useI18n();
  const [per, setPer] = useState<'years' | 'quarters'>('years');
  const table = operationsByPeriod(ops[per], currency);
  const money = (x: { amount: number | null; withheld: boolean }, kind: string) =>
    !hasAmount(kind) ? '' : x.withheld ? <Tag title={t.withheld}>—</Tag> : x.amount == null ? '' : formatMoney(x.amount, currency);
  return (
    <Card title={t.operations} style={{ marginTop: 16 }} extra={<Segmented value={per} onChange={(v) => setPer(v as 'years' | 'quarters')}
      options={[{ value: 'years', label: t.perYear }, { value: 'quarters', label: t.perQuarter }]} />}>
      {table.periods.length === 0 ? <Empty description={t.nothing} /> : <>
        <Chart testId="operations-chart" height={260} option={{
          tooltip: { trigger: 'axis' },
          legend: { data: table.kinds.map((k) => t.opKinds[k] ?? k) },
          xAxis: { type: 'category', data: table.periods },
          yAxis: { type: 'value', minInterval: 1, name: t.count },
          series: table.kinds.map((k) => ({ name: t.opKinds[k] ?? k, type: 'bar' as const, data: table.periods.map((p) => table.cell(p, k).count) })),
        }} />
        <Table rowKey={(r) => r} size="small" pagination={false} dataSource={table.periods} data-testid="operations-table" scroll={{ x: true }} columns={[
          { title: t.period, render: (_, p: string) => p },
          ...table.kinds.map((k) => ({ title: t.opKinds[k] ?? k, render: (_: unknown, p: string) => {
            const c = table.cell(p, k);
            return <Space size={4}>{c.count}{hasAmount(k) && <span>· {money(c, k)}</span>}</Space>;
          } })),
        ]} />
      </>}
      {ops.outstanding.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="principal-outstanding">
          {t.principalOutstanding}: {ops.outstanding.map((o) => `${o.count} · ${o.withheld ? t.withheld : o.amount == null ? '—' : formatMoney(o.amount, o.currency)}`).join('; ')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function PositioningCard({ p }: { p: NonNullable<Landscape['positioning']> }) {
  const { t } = useI18n();
  const years = p.filingsPerYear;
  return (
    <Card title={`${t.positioning} · ${p.focus}`} style={{ marginTop: 16 }} data-testid="positioning">
      <Descriptions size="small" column={3} items={[
        { label: t.patents, children: p.patents },
        { label: t.patentShare, children: formatShare(p.patentShare) },
        { label: t.valueShare, children: formatShare(p.valueShare) },
      ]} />
      <Row gutter={16}>
        <Col span={12}>
          <Chart testId="positioning-chart" height={240} option={{
            tooltip: { trigger: 'axis' },
            legend: { data: [t.focusPart, t.scopeTotal] },
            xAxis: { type: 'category', data: years.map((y) => y.key) },
            yAxis: { type: 'value' },
            series: [
              { name: t.focusPart, type: 'bar', data: years.map((y) => y.focus) },
              { name: t.scopeTotal, type: 'bar', data: years.map((y) => y.scope) },
            ],
          }} />
        </Col>
        <Col span={12}>
          <Table rowKey={(r) => r.key} size="small" pagination={{ pageSize: 6 }} dataSource={[...p.subclasses, ...p.operations]} columns={[
            { title: t.key, dataIndex: 'key' },
            { title: t.focusPart, dataIndex: 'focus' },
            { title: t.scopeTotal, dataIndex: 'scope' },
            { title: t.share, render: (_, r) => formatShare(r.share) },
          ]} />
        </Col>
      </Row>
    </Card>
  );
}
