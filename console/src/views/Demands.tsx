import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Result, Row, Select, Space, Table, Timeline, message } from 'antd';
import dayjs from 'dayjs';
import { api, call, useIdempotencyKey, type Schema } from '../api/client';
import { LoadError, StatusTag, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { askingText, formFieldErrors, formatPoints, formatRange, negotiationOutcome, offerActions, offerFieldRenames, yuanToMinor } from '../lib/matching';
import { ProblemError } from '../lib/problem';
import { splitIpc, splitKeywords } from '../lib/navigation';
import { navigate } from '../lib/router';
import { useMe } from '../session-context';
import { dealTypes } from './Listings';
import { OfferStatus, PartyName, Reasons, ScoreBreakdown } from './MarketCommon';

type Demand = Schema<'DemandView'>;
type Match = Schema<'ListingMatch'>;
type Negotiation = Schema<'NegotiationResponse'>;

async function stepDemand(id: string, step: 'open' | 'withdraw') {
  return step === 'open'
    ? call(api.POST('/api/v1/demands/{id}/open', { params: { path: { id } } }))
    : call(api.POST('/api/v1/demands/{id}/withdraw', { params: { path: { id } } }));
}

/** The caller's technology demands (技术需求) with their lifecycle; record a new one. */
export function Demands() {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => call(api.GET('/api/v1/demands', { params: { query: { cursor, limit: '20' } } })), [cursor]);
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<string | null>(null);
  const act = async (d: Demand, step: 'open' | 'withdraw') => {
    setActing(d.id);
    try { await stepDemand(d.id, step); message.success(step === 'open' ? t.opened : t.withdrawn); page.reload(); }
    catch (e) { message.error(e instanceof Error ? e.message : String(e)); }
    finally { setActing(null); }
  };
  return (
    <Card title={t.demands} extra={<Button type="primary" data-testid="new-demand" onClick={() => setCreating(true)}>{t.newDemand}</Button>}>
      <LoadError error={page.error} />
      <Table rowKey="id" size="small" loading={page.loading} dataSource={page.data?.items ?? []} pagination={false} data-testid="demand-table" columns={[
        { title: t.demandTitle, render: (_, d) => <a onClick={() => navigate(`/demands/${d.id}`)}>{d.title || d.id}</a> },
        { title: t.ipcPrefixes, render: (_, d) => d.ipcPrefixes.join(', ') || '—' },
        { title: t.keywords, render: (_, d) => d.keywords.join(', ') || '—' },
        { title: t.budget, render: (_, d) => formatRange(d.budget) },
        { title: t.region, render: (_, d) => d.region ?? '—' },
        { title: t.dealType, render: (_, d) => d.dealTypes.map((x) => t.dealTypes[x] ?? x).join(', ') || '—' },
        { title: t.validUntil, dataIndex: 'validUntil' },
        { title: t.status, render: (_, d) => <OfferStatus status={d.status} /> },
        { title: '', render: (_, d) => <Space>
          {offerActions(d.status).map((a) => <Button key={a} size="small" loading={acting === d.id} type={a === 'open' ? 'primary' : 'default'} danger={a === 'withdraw'}
            data-testid={`demand-${a}-${d.id}`} onClick={() => act(d, a)}>{a === 'open' ? t.openOffer : t.withdraw}</Button>)}
          <Button size="small" data-testid={`demand-matches-${d.id}`} onClick={() => navigate(`/demands/${d.id}`)}>{t.matchesFor}</Button>
        </Space> },
      ]} />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t.previous}</Button>
        <Button disabled={!page.data?.nextCursor} onClick={() => setCursors((c) => [...c, page.data!.nextCursor ?? undefined])}>{t.next}</Button>
      </Space>
      {creating && <NewDemand onClose={(d) => { setCreating(false); if (d) navigate(`/demands/${d.id}`); }} />}
    </Card>
  );
}

interface DemandValues { title?: string; ipcPrefixes?: string; keywords?: string; budgetMin?: number; budgetMax?: number; region?: string; dealTypes?: string[]; validUntil: dayjs.Dayjs; open?: boolean }

function NewDemand({ onClose }: { onClose: (d?: Demand) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<DemandValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const submit = async (v: DemandValues) => {
    setBusy(true); setError(null);
    const budget = v.budgetMin != null || v.budgetMax != null ? { min: yuanToMinor(v.budgetMin ?? 0)!, max: yuanToMinor(v.budgetMax ?? v.budgetMin)!, currency: 'CNY' } : null;
    try {
      const d = await call(api.POST('/api/v1/demands', { params: { header: { 'Idempotency-Key': idem.key() } }, body: {
        partyId: me.partyId, title: v.title || null, ipcPrefixes: splitIpc(v.ipcPrefixes), keywords: splitKeywords(v.keywords), budget,
        region: v.region || null, dealTypes: v.dealTypes ?? [], validUntil: v.validUntil.format('YYYY-MM-DD'), open: !!v.open,
      } as never }));
      idem.answered();
      onClose(d);
    } catch (e) {
      idem.answered(e);
      if (e instanceof ProblemError) e.problem.errors = formFieldErrors(e.problem.errors, offerFieldRenames);
      setError(showProblem(form, e, ['title', 'ipcPrefixes', 'keywords', 'budgetMin', 'budgetMax', 'region', 'dealTypes', 'validUntil']));
    } finally { setBusy(false); }
  };
  return (
    <Modal open width={720} title={t.newDemand} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'demand-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="demand-error" />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={() => setError(null)} initialValues={{ validUntil: dayjs().add(6, 'month'), open: true }}>
        <Form.Item name="title" label={t.demandTitle}><Input data-testid="demand-title" /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="ipcPrefixes" label={t.ipcPrefixes} extra={t.ipcPrefixesHelp}><Input data-testid="demand-ipc" /></Form.Item></Col>
          <Col span={12}><Form.Item name="keywords" label={t.keywords} extra={t.keywordsHelp}><Input data-testid="demand-keywords" /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="budgetMin" label={t.budgetMin}><InputNumber min={0} style={{ width: '100%' }} data-testid="demand-budget-min" /></Form.Item></Col>
          <Col span={8}><Form.Item name="budgetMax" label={t.budgetMax}><InputNumber min={0} style={{ width: '100%' }} data-testid="demand-budget-max" /></Form.Item></Col>
          <Col span={8}><Form.Item name="region" label={t.regionCode}><Input placeholder="440000" data-testid="demand-region" /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={16}><Form.Item name="dealTypes" label={t.dealTypesWanted}>
            <Select mode="multiple" data-testid="demand-deal-types" options={dealTypes.map((d) => ({ value: d, label: t.dealTypes[d] }))} />
          </Form.Item></Col>
          <Col span={8}><Form.Item name="validUntil" label={t.validUntil} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="open" valuePropName="checked"><Checkbox>{t.openNow}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}

/** A demand, its ranked matches (score, parts, reasons) and "start negotiation" on one of them. */
export function DemandDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const demand = useLoad(() => call(api.GET('/api/v1/demands/{id}', { params: { path: { id } } })), [id]);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const matches = useLoad(async () => {
    const page = await call(api.GET('/api/v1/demands/{id}/matches', { params: { path: { id }, query: { cursor, limit: '10' } } }));
    // A match names its listing; the title and asking terms are the listing's own.
    const listings = await Promise.all(page.items.map((m) => call(api.GET('/api/v1/listings/{id}', { params: { path: { id: m.listingId } } })).catch(() => null)));
    return { ...page, listings: new Map(listings.filter((l) => l != null).map((l) => [l!.id, l!])) };
  }, [id, cursor]);
  const [negotiating, setNegotiating] = useState<Match | null>(null);
  // Every match's reasons are shown until the user folds one (rows arrive after the table mounts).
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<Negotiation | null>(null);
  const d = demand.data;
  const [busy, setBusy] = useState(false);
  const act = async (step: 'open' | 'withdraw') => {
    setBusy(true);
    try { await stepDemand(id, step); message.success(step === 'open' ? t.opened : t.withdrawn); demand.reload(); matches.reload(); }
    catch (e) { message.error(e instanceof Error ? e.message : String(e)); }
    finally { setBusy(false); }
  };
  return (
    <>
      <LoadError error={demand.error} />
      {d && (
        <Card title={<span data-testid="demand-title-view">{d.title || d.id}</span>} extra={<Space>
          <OfferStatus status={d.status} />
          {offerActions(d.status).map((a) => <Button key={a} size="small" loading={busy} danger={a === 'withdraw'} type={a === 'open' ? 'primary' : 'default'}
            data-testid={`demand-detail-${a}`} onClick={() => act(a)}>{a === 'open' ? t.openOffer : t.withdraw}</Button>)}
        </Space>}>
          <Descriptions size="small" column={3} items={[
            { label: t.ipcPrefixes, children: d.ipcPrefixes.join(', ') || '—' },
            { label: t.keywords, children: d.keywords.join(', ') || '—' },
            { label: t.budget, children: formatRange(d.budget) },
            { label: t.region, children: d.region ?? '—' },
            { label: t.dealType, children: d.dealTypes.map((x) => t.dealTypes[x] ?? x).join(', ') || '—' },
            { label: t.validUntil, children: d.validUntil },
          ]} />
          {d.negotiations.length > 0 && <Timeline style={{ marginTop: 12 }} items={d.negotiations.map((n) => ({
            color: 'green', children: <span>{n.openedAt.slice(0, 10)} · {n.listingId} → {n.kind} {n.kind === 'transfer'
              ? <a onClick={() => navigate('/transfers')}>{n.resourceId}</a> : n.resourceId}</span>,
          }))} />}
        </Card>
      )}
      {outcome && <NegotiationResult n={outcome} onClose={() => setOutcome(null)} />}
      <Card title={t.matchesFor} style={{ marginTop: 16 }}>
        <LoadError error={matches.error} />
        <Table rowKey="listingId" size="small" loading={matches.loading} dataSource={matches.data?.items ?? []} pagination={false} data-testid="demand-matches"
          expandable={{ expandedRowKeys: expanded ?? (matches.data?.items ?? []).map((m) => m.listingId), onExpandedRowsChange: (keys) => setExpanded([...keys] as string[]),
            expandedRowRender: (m) => (
            <Row gutter={16}><Col span={7}><ScoreBreakdown score={m.score} /></Col><Col span={17}><Reasons reasons={m.reasons} testId={`reasons-${m.listingId}`} /></Col></Row>
          ) }}
          columns={[
            { title: t.rank, dataIndex: 'rank', width: 60 },
            { title: t.listings, render: (_, m) => <a onClick={() => navigate(`/listings/${m.listingId}`)}>{matches.data?.listings.get(m.listingId)?.title || m.listingId}</a> },
            { title: t.holder, render: (_, m) => <PartyName id={m.holderId} /> },
            { title: t.dealType, render: (_, m) => t.dealTypes[m.dealType] ?? m.dealType },
            { title: t.asking, render: (_, m) => { const l = matches.data?.listings.get(m.listingId); return l ? askingText(l) : '—'; } },
            { title: t.score, render: (_, m) => <b data-testid={`score-${m.listingId}`}>{formatPoints(m.score.total)}</b> },
            { title: '', render: (_, m) => d?.status === 'open' && <Button size="small" type="primary" data-testid={`negotiate-${m.listingId}`}
              onClick={() => setNegotiating(m)}>{t.startNegotiation}</Button> },
          ]} />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t.previous}</Button>
          <Button disabled={!matches.data?.nextCursor} onClick={() => setCursors((c) => [...c, matches.data!.nextCursor ?? undefined])}>{t.next}</Button>
        </Space>
      </Card>
      {negotiating && <NegotiateModal demandId={id} match={negotiating} listing={matches.data?.listings.get(negotiating.listingId) ?? null}
        onClose={(n) => { setNegotiating(null); if (n) { setOutcome(n); demand.reload(); matches.reload(); } }} />}
    </>
  );
}

/** One call (`POST …/matches/{listingId}/negotiation`): a sale may name a price within the asking range (default its maximum). */
function NegotiateModal({ demandId, match, listing, onClose }: { demandId: string; match: Match; listing: Schema<'ListingView'> | null; onClose: (n?: Negotiation) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const sale = match.dealType === 'sale';
  const submit = async (v: { price?: number }) => {
    setBusy(true); setError(null);
    try {
      const n = await call(api.POST('/api/v1/demands/{id}/matches/{listingId}/negotiation', {
        params: { path: { id: demandId, listingId: match.listingId }, header: { 'Idempotency-Key': idem.key() } },
        body: (sale && v.price != null ? { price: { amount: yuanToMinor(v.price), currency: listing?.price?.currency ?? 'CNY' } } : {}) as never,
      }));
      idem.answered();
      message.success(t.negotiationStarted);
      onClose(n);
    } catch (e) {
      idem.answered(e);
      setError(showProblem(form, e, ['price']));
    } finally { setBusy(false); }
  };
  return (
    <Modal open title={`${t.startNegotiation} · ${listing?.title ?? match.listingId}`} onCancel={() => onClose()} onOk={() => form.submit()}
      confirmLoading={busy} okButtonProps={{ 'data-testid': 'negotiation-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="negotiation-error" />}
      <Descriptions size="small" column={1} items={[
        { label: t.dealType, children: t.dealTypes[match.dealType] ?? match.dealType },
        { label: t.asking, children: listing ? askingText(listing) : '—' },
        { label: t.score, children: formatPoints(match.score.total) },
      ]} />
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 12 }}>
        {sale && <Form.Item name="price" label={t.offeredPrice}><InputNumber min={0} style={{ width: '100%' }} data-testid="negotiation-price" /></Form.Item>}
      </Form>
    </Modal>
  );
}

/** What the negotiation opened: the transfer it pre-filled, the open licence granted, or the licence proposal for the holder. */
function NegotiationResult({ n, onClose }: { n: Negotiation; onClose: () => void }) {
  const { t } = useI18n();
  const o = negotiationOutcome(n);
  const p = n.licenceProposal;
  return (
    <Card style={{ marginTop: 16 }} data-testid="negotiation-result">
      <Result status="success" style={{ padding: 8 }}
        title={o.kind === 'transfer' ? t.transferOpened : o.kind === 'licence' ? t.licenceGranted : t.licenceProposal}
        subTitle={o.kind === 'transfer' ? <Space data-testid="negotiation-transfer">{o.id} · {o.price} · <StatusTag status={o.status} /></Space>
          : o.kind === 'licence' ? <Space>{o.id} · <StatusTag status={o.status} /></Space> : null}
        extra={[
          o.kind === 'transfer' && <Button key="go" type="primary" onClick={() => navigate('/transfers')}>{t.goToTransfer}</Button>,
          <Button key="close" onClick={onClose}>{t.cancel}</Button>,
        ]} />
      {p && (
        <Descriptions size="small" column={2} bordered data-testid="licence-proposal" items={[
          { label: t.holder, children: <PartyName id={p.licensorId} /> },
          { label: t.licensee, children: <PartyName id={p.licenseeId} /> },
          { label: t.patents, children: p.patents.join(', ') },
          { label: t.kind, children: p.kind },
          { label: t.territories, children: p.territories.join(', ') },
          { label: t.fieldsOfUse, children: p.fieldsOfUse.join(', ') || '—' },
          { label: t.start, children: p.start },
          { label: t.asking, children: askingText(p) },
        ]} />
      )}
    </Card>
  );
}
