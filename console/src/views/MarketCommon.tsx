import { useEffect, useState } from 'react';
import { List, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, MinusCircleTwoTone } from '@ant-design/icons';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { formatPoints, reasonLines, scoreParts, type MatchScoreLike, type ReasonsLike } from '../lib/matching';

// Party names for any key: GET /api/v1/parties/{id} is readable by every key (party ids are public), unlike the list.
const names = new Map<string, Promise<string>>();
function partyName(id: string): Promise<string> {
  if (!names.has(id))
    names.set(id, call(api.GET('/api/v1/parties/{id}', { params: { path: { id } } })).then((p) => p.name).catch(() => id));
  return names.get(id)!;
}

export function PartyName({ id }: { id: string | null | undefined }) {
  const [name, setName] = useState(id ?? '—');
  useEffect(() => { if (id) partyName(id).then(setName); }, [id]);
  return <span title={id ?? undefined}>{name}</span>;
}

const offerColours: Record<string, string> = { draft: 'default', open: 'blue', matched: 'green', withdrawn: 'default', expired: 'orange' };
export function OfferStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={offerColours[status] ?? 'gold'}>{t.offerStatuses[status] ?? status}</Tag>;
}

/** The score's parts as a small table: points of each part against its maximum. */
export function ScoreBreakdown({ score }: { score: MatchScoreLike }) {
  const { t } = useI18n();
  return (
    <Table size="small" pagination={false} rowKey="part" dataSource={scoreParts(score)} columns={[
      { title: t.score, render: (_, p) => t.parts[p.part] ?? p.part },
      { title: '', render: (_, p) => (p.max ? `${formatPoints(p.points)} / ${p.max}` : formatPoints(p.points)) },
    ]} />
  );
}

const icons = {
  good: <CheckCircleTwoTone twoToneColor="#52c41a" />, bad: <CloseCircleTwoTone twoToneColor="#ff4d4f" />, neutral: <MinusCircleTwoTone twoToneColor="#bfbfbf" />,
};

/** A match's reasons, one line each with a mark for whether it speaks for or against the match. */
export function Reasons({ reasons, testId }: { reasons: ReasonsLike; testId?: string }) {
  const { t } = useI18n();
  return (
    <List size="small" data-testid={testId} dataSource={reasonLines(reasons, t)} renderItem={(l) => (
      <List.Item style={{ padding: '2px 0' }}>
        <Space>{icons[l.tone]}<Typography.Text type="secondary">{t.parts[l.part] ?? l.part}</Typography.Text><span>{l.text}</span></Space>
      </List.Item>
    )} />
  );
}
