/** The clock profiles (时限规则): each step's time limit in words, how days are counted, reminders and extensions; administrators edit them. */
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ClockProfileRecord } from '../../../../src/modules/calendar/schema.ts';
import { roleMay } from '../../../../src/platform/policies.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';
import { fmtDateTime } from '../../util.ts';
import { useRemote } from '../../components/useRemote.ts';
import { LoadFailed, PageSpin } from '../../components/PageState.tsx';
import { ProfileModal } from './ProfileModal.tsx';
import { SCOPE_LABELS, stepRule, stepScope } from './rules.ts';

type Step = ClockProfileRecord['steps'][number];

export function ClocksPanel() {
  const { t, l, lang } = useI18n();
  const { me } = useMe();
  const mayEdit = roleMay(me.role, 'clock.manage');
  const { data, loading, error, reload } = useRemote(() => api.clockProfiles(), []);
  const [editing, setEditing] = useState<ClockProfileRecord | null>(null);

  if (error && !data) return <LoadFailed error={errorText(error, lang, t('error.unexpected'))} onRetry={reload} />;
  if (!data) return <PageSpin />;

  const card = (p: ClockProfileRecord) => {
    const columns: TableColumnsType<Step> = [
      { title: t('clock.stepNo'), key: 'no', width: 56, align: 'center', render: (_v, _s, i) => i + 1 },
      { title: t('clock.stepName'), key: 'name', render: (_v, s) => l(s) },
      {
        title: t('clock.stepLimit'),
        key: 'limit',
        width: lang === 'zh' ? 280 : 360,
        render: (_v, s) => (
          <Typography.Text strong data-testid={`clock-rule-${p.code}-${s.step}`}>
            {l(stepRule(s, p))}
          </Typography.Text>
        ),
      },
      {
        title: t('clock.stepScope'),
        key: 'scope',
        width: 130,
        render: (_v, s) => {
          const scope = stepScope(s, p);
          return <Tag color={scope === 'major' ? 'volcano' : scope === 'ordinary' ? 'blue' : undefined}>{t(SCOPE_LABELS[scope])}</Tag>;
        },
      },
    ];
    const st = p.settings;
    return (
      <Card
        key={p.code}
        size="small"
        data-testid={`clock-${p.code}`}
        title={
          <Space size={8} wrap>
            <span data-testid={`clock-name-${p.code}`}>{l(p)}</span>
            <Tag>{p.code}</Tag>
            <span className="ls-clock-meta">{t('clock.version', { version: p.version, at: fmtDateTime(p.updatedAt) })}</span>
          </Space>
        }
        extra={
          mayEdit && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`clock-edit-${p.code}`}>
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t('clock.dayMode')}>
            <span data-testid={`clock-mode-${p.code}`}>
              <Tag color={p.dayMode === 'working' ? 'geekblue' : 'default'}>{t(p.dayMode === 'working' ? 'clock.mode.working' : 'clock.mode.calendar')}</Tag>
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('clock.shift')}>
            <span data-testid={`clock-shift-${p.code}`}>
              {p.dayMode === 'working' ? t('clock.shiftWorking') : p.shiftOffNonWorking ? t('clock.shiftOn') : t('clock.shiftOff')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('clock.blueDays')}>{t('clock.blueDaysText', { n: st.blueDays })}</Descriptions.Item>
          <Descriptions.Item label={t('clock.escalate')}>{t('clock.escalateText', { n: st.escalateLeaderAfterDays })}</Descriptions.Item>
          <Descriptions.Item label={t('clock.extension')}>
            {st.extensionMaxMonths ? t('clock.extensionText', { n: st.extensionMaxMonths }) : t('clock.extensionNone')}
          </Descriptions.Item>
          {st.rehandleMonths !== undefined && (
            <Descriptions.Item label={t('clock.rehandle')}>{t('clock.rehandleText', { n: st.rehandleMonths })}</Descriptions.Item>
          )}
        </Descriptions>
        <Table<Step>
          rowKey="step"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={p.steps}
          onRow={(s) => ({ 'data-testid': `clock-step-${p.code}-${s.step}` }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
    );
  };

  return (
    <div data-testid="clock-panel">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('clock.hint')}
        action={
          <Button size="small" icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('common.refresh')}
          </Button>
        }
      />
      {data.length === 0 ? (
        <Card>
          <Empty description={t('clock.none')} />
        </Card>
      ) : (
        <div className="ls-clock-cards">{data.map(card)}</div>
      )}
      {editing && (
        <ProfileModal
          profile={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onStale={reload}
        />
      )}
    </div>
  );
}
