import { useEffect, useState, type ReactNode } from 'react';
import { Button, ConfigProvider, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { api, call } from './api/client';
import { session } from './lib/session';
import { match, navigate, usePath } from './lib/router';
import { I18nProvider, useI18n } from './i18n';
import { MeContext, hasRole, type Me } from './session-context';
import { SignIn } from './views/SignIn';
import { OperatorHome } from './views/OperatorHome';
import { Patents } from './views/Patents';
import { PatentDetail } from './views/PatentDetail';
import { PoolDetail } from './views/PoolDetail';
import { LicenceDetail, MyLicences } from './views/Licensee';
import { DealDetail, Portfolio } from './views/Financier';
import { Holder } from './views/Holder';
import { Pools } from './views/Pools';
import { Transfers } from './views/Transfers';
import { Payouts } from './views/Payouts';
import { marketMenu, marketRoute, type MarketMenuLabel } from './views/MarketRoutes';

/** The menu a key's roles open; the API still decides every request. */
export function menuFor(roles: string[], hasParty = true): { key: string; label: keyof ReturnType<typeof useI18n>['t'] }[] {
  const admin = roles.includes('admin');
  const items: { key: string; label: 'home' | 'patents' | 'pools' | 'transfers' | 'payouts' | 'licences' | 'holdings' | 'portfolio' | MarketMenuLabel }[] = [];
  if (admin || roles.includes('operator')) items.push({ key: '/', label: 'home' }, { key: '/patents', label: 'patents' }, { key: '/pools', label: 'pools' }, { key: '/transfers', label: 'transfers' }, { key: '/payouts', label: 'payouts' });
  if (roles.includes('licensee')) items.push({ key: '/licences', label: 'licences' });
  if (roles.includes('licensor')) items.push({ key: '/holdings', label: 'holdings' });
  if (roles.includes('financier')) items.push({ key: '/portfolio', label: 'portfolio' });
  if (!items.length) items.push({ key: '/patents', label: 'patents' });
  // Navigation, listings, demands, feed (views/MarketRoutes.tsx).
  items.push(...marketMenu(hasParty));
  return items;
}

function route(path: string, me: Me): ReactNode {
  let m: Record<string, string> | null;
  if ((m = match('/patents/:number', path))) return <PatentDetail number={m.number} />;
  if ((m = match('/pools/:id', path))) return <PoolDetail id={m.id} />;
  if ((m = match('/licences/:id', path))) return <LicenceDetail id={m.id} />;
  if ((m = match('/deals/:id', path))) return <DealDetail id={m.id} />;
  const market = marketRoute(path);
  if (market) return market;
  switch (path) {
    case '/patents': return <Patents />;
    case '/pools': return <Pools />;
    case '/transfers': return <Transfers />;
    case '/payouts': return <Payouts />;
    case '/licences': return <MyLicences />;
    case '/holdings': return <Holder />;
    case '/portfolio': return <Portfolio />;
  }
  // Home is the first view the key's roles open.
  const first = menuFor(me.roles as string[], me.partyId != null)[0].key;
  if (first !== '/') return route(first, me);
  return <OperatorHome />;
}

function Shell({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const { t, lang, setLang } = useI18n();
  const path = usePath();
  const menu = menuFor(me.roles as string[], me.partyId != null);
  const selected = menu.filter((i) => i.key === '/' ? path === '/' : path.startsWith(i.key)).map((i) => i.key);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>{t.appName}</Typography.Text>
        <Menu theme="dark" mode="horizontal" selectedKeys={selected} style={{ flex: 1 }} data-testid="nav"
          items={menu.map((i) => ({ key: i.key, label: t[i.label] as string }))} onClick={({ key }) => navigate(key)} />
        <Space>
          <Typography.Text style={{ color: '#fff' }} data-testid="who">{me.party?.name ?? 'admin'}</Typography.Text>
          {(me.roles as string[]).map((r) => <Tag key={r} color="blue">{t.roles[r] ?? r}</Tag>)}
          <Button size="small" data-testid="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t.language}</Button>
          <Button size="small" data-testid="sign-out" onClick={onSignOut}>{t.signOut}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{route(path, me)}</Layout.Content>
    </Layout>
  );
}

function Root() {
  const { lang } = useI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(!!session.get());
  useEffect(() => {
    if (!session.get()) return;
    call(api.GET('/api/v1/me')).then(setMe).catch(() => session.clear()).finally(() => setChecking(false));
  }, []);
  const signOut = () => { session.clear(); setMe(null); navigate('/'); };
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      {checking ? <Spin style={{ margin: 120 }} /> : me
        ? <MeContext.Provider value={me}><Shell me={me} onSignOut={signOut} /></MeContext.Provider>
        : <SignIn onSignedIn={setMe} />}
    </ConfigProvider>
  );
}

export default function App() {
  return <I18nProvider><Root /></I18nProvider>;
}

export { hasRole };
