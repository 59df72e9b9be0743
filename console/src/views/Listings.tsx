import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Timeline, message } from 'antd';
import dayjs from 'dayjs';
import { api, call, useIdempotencyKey, type Schema } from '../api/client';
import { LoadError, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { askingText, formFieldErrors, formatPoints, offerActions, offerFieldRenames, percentToBps, yuanToMinor } from '../lib/matching';
import { ProblemError } from '../lib/problem';
import { navigate } from '../lib/router';
import { hasRole, useMe } from '../session-context';
import { OfferStatus, PartyName, Reasons, ScoreBreakdown } from './MarketCommon';

type Listing = Schema<'ListingView'>;
export const dealTypes = ['sale', 'exclusive_licence', 'non_exclusive_licence', 'open_licence'] as const;
const statuses = ['open', 'draft', 'matched', 'withdrawn', 'expired'] as const;

/** Opens or withdraws a listing; the answer is the listing in its new status. */
export async function stepListing(id: string, step: 'open' | 'withdraw') {
  return step === 'open'
    ? call(api.POST('/api/v1/listings/{id}/open', { params: { path: { id } } }))
    : call(api.POST('/api/v1/listings/{id}/withdraw', { params: { path: { id } } }));
}

/** Technology listings (挂牌): the market's open ones, or the caller's own in any status; a holder or its center lists. */
export function Listings() {
  const { t } = useI18n();
  const me = useMe();
  const canList = me.partyId != null && (hasRole(me, 'operator') || hasRole(me, 'licensor'));
  const operator = hasRole(me, 'operator');
  const [filters, setFilters] = useState<{ status?: string; dealType?: string; ipc?: string; mine?: boolean }>({ status: 'open' });
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [creating, setCreating] = useState(false);
  // Drafts are listed only for the caller's own holderId / centerId: "mine" names the caller's party in its role.
  const own = filters.mine || filters.status === 'draft' ? (operator ? { centerId: me.partyId ?? undefined } : { holderId: me.partyId ?? undefined }) : {};
  const page = useLoad(() => call(api.GET('/api/v1/listings', { params: { query: {
    status: filters.status as never, dealType: filters.dealType as never, ipc: filters.ipc || undefined, cursor, limit: '20', ...own,
  } } })), [JSON.stringify(filters), cursor]);
  const [acting, setActing] = useState<string | null>(null);
  const [filterForm] = Form.useForm();
  // The list follows a listing to its new status (and the caller's own listings), so the user sees where it went.
  const show = (status: string) => {
    const next = { status, mine: true };
    filterForm.setFieldsValue({ ...next, dealType: undefined, ipc: undefined });
    setCursors([undefined]); setFilters(next);
  };
  const act = async (l: Listing, step: 'open' | 'withdraw') => {
    setActing(l.id);
    try { const after = await stepListing(l.id, step); message.success(step === 'open' ? t.opened : t.withdrawn); show(after.status); page.reload(); }
    catch (e) { message.error(e instanceof Error ? e.message : String(e)); }
    finally { setActing(null); }
  };
  return (
    <Card title={t.listings} extra={canList && <Button type="primary" data-testid="new-listing" onClick={() => setCreating(true)}>{t.newListing}</Button>}>
      <Form form={filterForm} layout="inline" initialValues={filters} style={{ marginBottom: 16 }} onFinish={(v) => { setCursors([undefined]); setFilters(v); }}>
        <Form.Item name="status"><Select style={{ width: 120 }} data-testid="listing-status" options={statuses.map((s) => ({ value: s, label: t.offerStatuses[s] }))} /></Form.Item>
        <Form.Item name="dealType"><Select allowClear placeholder={t.dealType} style={{ width: 150 }} options={dealTypes.map((d) => ({ value: d, label: t.dealTypes[d] }))} /></Form.Item>
        <Form.Item name="ipc"><Input allowClear placeholder={t.ipc} style={{ width: 120 }} /></Form.Item>
        {canList && <Form.Item name="mine" valuePropName="checked"><Checkbox data-testid="listing-mine">{t.mine}</Checkbox></Form.Item>}
        <Button htmlType="submit" type="primary" data-testid="listing-search">{t.search}</Button>
      </Form>
      <LoadError error={page.error} />
      <ListingTable items={page.data?.items ?? []} loading={page.loading} acting={acting} onAct={canList ? act : undefined} />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t.previous}</Button>
        <Button disabled={!page.data?.nextCursor} data-testid="listings-next" onClick={() => setCursors((c) => [...c, page.data!.nextCursor ?? undefined])}>{t.next}</Button>
      </Space>
      {creating && <NewListing onClose={(l) => { setCreating(false); if (l) show(l.status); }} />}
    </Card>
  );
}

export function ListingTable({ items, loading, acting, onAct }: { items: Listing[]; loading: boolean; acting?: string | null; onAct?: (l: Listing, step: 'open' | 'withdraw') => void }) {
  const { t } = useI18n();
  return (
    <Table rowKey="id" size="small" loading={loading} dataSource={items} pagination={false} data-testid="listing-table" columns={[
      { title: t.title, render: (_, l) => <a onClick={() => navigate(`/listings/${l.id}`)}>{l.title || l.id}</a> },
      { title: t.patents, render: (_, l) => l.patents.join(', ') },
      { title: t.holder, render: (_, l) => <PartyName id={l.holderId} /> },
      { title: t.dealType, render: (_, l) => t.dealTypes[l.dealType] ?? l.dealType },
      { title: t.asking, render: (_, l) => askingText(l) },
      { title: t.region, render: (_, l) => l.region ?? '—' },
      { title: t.validUntil, dataIndex: 'validUntil' },
      { title: t.encumbrances, render: (_, l) => (l.encumbrances.length ? <Tag color="orange">{l.encumbrances.length}</Tag> : '—') },
      { title: t.status, render: (_, l) => <OfferStatus status={l.status} /> },
      ...(onAct ? [{ title: '', render: (_: unknown, l: Listing) => <Space>
        {offerActions(l.status).map((a) => <Button key={a} size="small" type={a === 'open' ? 'primary' : 'default'} danger={a === 'withdraw'} loading={acting === l.id}
          data-testid={`listing-${a}-${l.id}`} onClick={() => onAct(l, a)}>{a === 'open' ? t.openOffer : t.withdraw}</Button>)}
      </Space> }] : []),
    ]} />
  );
}

const listingFields = ['holderId', 'centerId', 'patents', 'dealType', 'priceMin', 'priceMax', 'royaltyMin', 'royaltyMax', 'territories', 'fieldsOfUse', 'validUntil', 'title', 'description', 'region'];

interface ListingValues {
  holderId?: string; patents: string[]; dealType: string; priceMin?: number; priceMax?: number; royaltyMin?: number; royaltyMax?: number;
  territories?: string[]; fieldsOfUse?: string[]; validUntil: dayjs.Dayjs; title?: string; description?: string; region?: string; open?: boolean;
}

/** Creates a listing: a holder for itself; a center for a member of its pools (naming itself as centerId). Draft unless "publish now". */
function NewListing({ onClose }: { onClose: (l?: Listing) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const operator = hasRole(me, 'operator');
  const [form] = Form.useForm<ListingValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const parties = useLoad(async () => operator ? (await call(api.GET('/api/v1/parties', { params: { query: { limit: '100' } } }))).items.filter((p) => p.kind !== 'operating_center') : [], [operator]);
  const submit = async (v: ListingValues) => {
    setBusy(true); setError(null);
    const price = v.priceMin != null || v.priceMax != null ? { min: yuanToMinor(v.priceMin ?? v.priceMax)!, max: yuanToMinor(v.priceMax ?? v.priceMin)!, currency: 'CNY' } : null;
    const royalty = v.royaltyMin != null || v.royaltyMax != null ? { minBps: percentToBps(v.royaltyMin ?? v.royaltyMax)!, maxBps: percentToBps(v.royaltyMax ?? v.royaltyMin)! } : null;
    try {
      const l = await call(api.POST('/api/v1/listings', { params: { header: { 'Idempotency-Key': idem.key() } }, body: {
        holderId: operator ? v.holderId! : me.partyId!, centerId: operator ? me.partyId : null, patents: v.patents, dealType: v.dealType,
        price, royalty, territories: v.territories?.length ? v.territories : null, fieldsOfUse: v.fieldsOfUse?.length ? v.fieldsOfUse : null,
        validUntil: v.validUntil.format('YYYY-MM-DD'), title: v.title || null, description: v.description || null, region: v.region || null, open: !!v.open,
      } as never }));
      idem.answered();
      message.success(l.status === 'open' ? t.opened : t.offerStatuses.draft);
      onClose(l);
    } catch (e) {
      idem.answered(e);
      // price.min / royalty.maxBps / patents[0] belong to the inputs that hold them.
      if (e instanceof ProblemError) e.problem.errors = formFieldErrors(e.problem.errors, offerFieldRenames);
      setError(showProblem(form, e, listingFields));
    } finally { setBusy(false); }
  };
  return (
    <Modal open width={760} title={t.newListing} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'listing-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="listing-error" />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}
        initialValues={{ dealType: 'sale', territories: ['CN'], validUntil: dayjs().add(6, 'month') }}>
        {operator && (
          <Form.Item name="holderId" label={t.holder} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" data-testid="listing-holder" options={(parties.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.id})` }))} />
          </Form.Item>
        )}
        <Form.Item name="patents" label={t.patents} rules={[{ required: true }]}>
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} placeholder="202210567891.X" data-testid="listing-patents" open={false} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="dealType" label={t.dealType} rules={[{ required: true }]}>
            <Select data-testid="listing-deal-type" options={dealTypes.map((d) => ({ value: d, label: t.dealTypes[d] }))} />
          </Form.Item></Col>
          <Col span={8}><Form.Item name="validUntil" label={t.validUntil} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} data-testid="listing-valid-until" /></Form.Item></Col>
          <Col span={8}><Form.Item name="region" label={t.regionCode}><Input placeholder="440300" data-testid="listing-region" /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}><Form.Item name="priceMin" label={t.priceMin}><InputNumber min={0} style={{ width: '100%' }} data-testid="listing-price-min" /></Form.Item></Col>
          <Col span={6}><Form.Item name="priceMax" label={t.priceMax}><InputNumber min={0} style={{ width: '100%' }} data-testid="listing-price-max" /></Form.Item></Col>
          <Col span={6}><Form.Item name="royaltyMin" label={t.royaltyMin}><InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="royaltyMax" label={t.royaltyMax}><InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="territories" label={t.territories}><Select mode="tags" tokenSeparators={[',', ' ']} open={false} /></Form.Item></Col>
          <Col span={12}><Form.Item name="fieldsOfUse" label={t.fieldsOfUse}><Select mode="tags" tokenSeparators={[',', '，']} open={false} /></Form.Item></Col>
        </Row>
        <Form.Item name="title" label={t.title}><Input data-testid="listing-title" /></Form.Item>
        <Form.Item name="description" label={t.description}><Input.TextArea rows={2} data-testid="listing-description" /></Form.Item>
        <Form.Item name="open" valuePropName="checked"><Checkbox data-testid="listing-open-now">{t.openNow}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}

/** A listing: its terms, encumbrances and history; for its holder or center the demands it fits, with score and reasons. */
export function ListingDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useMe();
  const listing = useLoad(() => call(api.GET('/api/v1/listings/{id}', { params: { path: { id } } })), [id]);
  const l = listing.data;
  const mine = !!l && me.partyId != null && (l.holderId === me.partyId || l.centerId === me.partyId);
  const matches = useLoad(async () => (mine ? call(api.GET('/api/v1/listings/{id}/matches', { params: { path: { id }, query: { limit: '20' } } })) : null), [id, mine]);
  const [busy, setBusy] = useState(false);
  const act = async (step: 'open' | 'withdraw') => {
    setBusy(true);
    try { await stepListing(id, step); message.success(step === 'open' ? t.opened : t.withdrawn); listing.reload(); matches.reload(); }
    catch (e) { message.error(e instanceof Error ? e.message : String(e)); }
    finally { setBusy(false); }
  };
  return (
    <>
      <LoadError error={listing.error} />
      {l && (
        <Card title={<span data-testid="listing-title-view">{l.title || l.id}</span>} extra={<Space>
          <OfferStatus status={l.status} />
          {mine && offerActions(l.status).map((a) => <Button key={a} size="small" loading={busy} type={a === 'open' ? 'primary' : 'default'} danger={a === 'withdraw'}
            data-testid={`listing-detail-${a}`} onClick={() => act(a)}>{a === 'open' ? t.openOffer : t.withdraw}</Button>)}
        </Space>}>
          <Descriptions size="small" column={3} items={[
            { label: t.patents, children: l.patents.map((n) => <a key={n} onClick={() => navigate(`/patents/${encodeURIComponent(n)}`)}>{n} </a>) },
            { label: t.holder, children: <PartyName id={l.holderId} /> },
            { label: t.dealType, children: t.dealTypes[l.dealType] ?? l.dealType },
            { label: t.asking, children: askingText(l) },
            { label: t.territories, children: l.territories.join(', ') },
            { label: t.fieldsOfUse, children: l.fieldsOfUse.join(', ') || '—' },
            { label: t.region, children: l.region ?? '—' },
            { label: t.validUntil, children: l.validUntil },
            { label: 'ID', children: l.id },
            { label: t.description, children: l.description ?? '—', span: 3 },
          ]} />
          {l.encumbrances.length > 0 && <Alert type="warning" style={{ marginTop: 8 }} message={t.encumbrances}
            description={l.encumbrances.map((e) => `${e.patentNumber}: ${t.reasonText.encumbranceKinds[e.kind] ?? e.kind} (${e.detail})`).join('；')} />}
          <Timeline style={{ marginTop: 16 }} items={l.history.map((h) => ({ children: `${h.at.slice(0, 16).replace('T', ' ')} · ${t.offerStatuses[h.status] ?? h.status}${h.detail ? ` · ${h.detail}` : ''}` }))} />
        </Card>
      )}
      {mine && (
        <Card title={t.demandsFitting} style={{ marginTop: 16 }}>
          <LoadError error={matches.error} />
          <Table rowKey="demandId" size="small" loading={matches.loading} dataSource={matches.data?.items ?? []} pagination={false} data-testid="listing-matches"
            expandable={{ expandedRowRender: (m) => <Row gutter={16}><Col span={8}><ScoreBreakdown score={m.score} /></Col><Col span={16}><Reasons reasons={m.reasons} /></Col></Row> }}
            columns={[
              { title: t.rank, dataIndex: 'rank', width: 60 },
              { title: t.demands, dataIndex: 'demandId' },
              { title: t.party, render: (_, m) => <PartyName id={m.partyId} /> },
              { title: t.dealTypesWanted, render: (_, m) => m.dealTypes.map((d) => t.dealTypes[d] ?? d).join(', ') || '—' },
              { title: t.score, render: (_, m) => <b>{formatPoints(m.score.total)}</b> },
            ]} />
        </Card>
      )}
    </>
  );
}

