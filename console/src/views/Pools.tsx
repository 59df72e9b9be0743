import { Card, Table } from 'antd';
import { api, call } from '../api/client';
import { LoadError, useLoad } from '../components';
import { useI18n } from '../i18n';
import { navigate } from '../lib/router';

/** Every pool (the list is public, §5 transparency). */
export function Pools() {
  const { t } = useI18n();
  const pools = useLoad(async () => (await call(api.GET('/api/v1/pools'))).items, []);
  return (
    <Card title={t.pools}>
      <LoadError error={pools.error} />
      <Table rowKey="id" size="small" loading={pools.loading} dataSource={pools.data ?? []} columns={[
        { title: t.pool, dataIndex: 'name', render: (n: string, p) => <a onClick={() => navigate(`/pools/${p.id}`)}>{n}</a> },
        { title: 'ID', dataIndex: 'id' }, { title: 'Administrator', dataIndex: 'administratorId' }, { title: 'Currency', dataIndex: 'currency' },
      ]} />
    </Card>
  );
}
