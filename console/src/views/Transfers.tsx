import { Card, Col, Empty, Row, Tag, Typography } from 'antd';
import { api, call } from '../api/client';
import { LoadError, StatusTag, useLoad } from '../components';
import { useI18n } from '../i18n';
import { fmt } from '../lib/money';
import { boardColumns, columnOf, whoMustAct } from '../lib/transfers';
import { useMe } from '../session-context';
import { allPages } from '../lib/pages';

/** The center's transfers as a board: a column per step, each card saying who must act. */
export function Transfers() {
  const { t } = useI18n();
  const me = useMe();
  // The board shows every transfer of the center: all pages, following the server's cursors.
  const list = useLoad(() => allPages((cursor) => call(api.GET('/api/v1/operating-centers/{id}/transfers', { params: { path: { id: me.partyId ?? '' }, query: { cursor, limit: '100' } } }))), []);
  const items = list.data ?? [];
  return (
    <Card title={t.transferBoard}>
      <LoadError error={list.error} />
      <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }} data-testid="transfer-board">
        {boardColumns.map((column) => {
          const cards = items.filter((x) => columnOf(x.status) === column);
          return (
            <Col key={column} flex="220px">
              <Typography.Title level={5}>{t.statuses[column] ?? t.closed} ({cards.length})</Typography.Title>
              {cards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.nothing} />}
              {cards.map((x) => (
                <Card key={x.id} size="small" style={{ marginBottom: 8 }} title={x.patents.join(', ')} extra={<StatusTag status={x.status} />}>
                  <div>{t.price}: {fmt(x.price)}</div>
                  <div>{t.seller}: {x.sellerId}</div>
                  <div>{t.buyer}: {x.buyerId}</div>
                  {whoMustAct(x.status) !== 'none' && <Tag color="orange" style={{ marginTop: 4 }}>{t.actors[whoMustAct(x.status)]}</Tag>}
                </Card>
              ))}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
