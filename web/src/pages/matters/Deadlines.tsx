/** The matter's time limits: what is due when, by which rule, and what became of it. */
import { Alert, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { Deadline } from '../../../../src/modules/matters/schema.ts';
import type { Matter } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DaysLeft } from './parts.tsx';

const STATUS_COLORS: Record<Deadline['status'], string> = {
  open: 'processing',
  met: 'success',
  superseded: 'default',
  waived: 'default',
};

export function Deadlines({ matter, unitName }: { matter: Matter; unitName: (id: number) => string }) {
  const { t, lang } = useI18n();
  const rounds = new Set(matter.deadlines.map((d) => d.round)).size;
  const provisional = matter.deadlines.some((d) => d.provisional && d.status === 'open');
  const live = matter.state === 'assigned' || matter.state === 'in_progress';

  const columns: TableColumnsType<Deadline> = [
    {
      title: t('deadline.step'),
      key: 'step',
      render: (_v, d) => (
        <span>
          {rounds > 1 && <Tag className="ls-round">{t('deadline.round', { n: d.round })}</Tag>}
          {lang === 'zh' ? d.labelZh : d.labelEn}
          {d.unitId !== null && <Typography.Text type="secondary">（{unitName(d.unitId)}）</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('deadline.due'),
      key: 'due',
      width: 190,
      render: (_v, d) => (
        <div className="ls-deadline-due" data-step={d.step}>
          <span className="ls-deadline-date">{d.due}</span>
          {d.provisional && d.status === 'open' && (
            <Tooltip title={t('deadline.provisional')}>
              <WarningOutlined style={{ color: '#faad14', marginLeft: 6 }} aria-label={t('deadline.provisional')} />
            </Tooltip>
          )}
          {d.baseline !== d.due && (
            <div className="ls-deadline-baseline">
              {t('deadline.baseline')} <del>{d.baseline}</del>
            </div>
          )}
        </div>
      ),
    },
    { title: t('deadline.rule'), key: 'rule', render: (_v, d) => (lang === 'zh' ? d.ruleZh : d.ruleEn) },
    {
      title: t('deadline.status'),
      key: 'status',
      width: 200,
      render: (_v, d) => {
        if (d.status === 'met') {
          const late = d.metOn !== null && d.metOn > d.due;
          return (
            <span>
              <Tag color={late ? 'error' : 'success'}>{late ? t('deadline.metLate') : t('deadline.met')}</Tag>
              {d.metOn && <Typography.Text type="secondary">{d.metOn}</Typography.Text>}
            </span>
          );
        }
        if (d.status === 'open') {
          return (
            <span>
              <Tag color={STATUS_COLORS.open}>{t('deadline.open')}</Tag>
              {live && <DaysLeft due={d.due} />}
            </span>
          );
        }
        return <Tag color={STATUS_COLORS[d.status]}>{t(d.status === 'superseded' ? 'deadline.superseded' : 'deadline.waived')}</Tag>;
      },
    },
  ];

  return (
    <div data-testid="matter-deadlines">
      {provisional && <Alert type="warning" showIcon title={t('deadline.provisional')} style={{ marginBottom: 8 }} data-testid="deadline-provisional" />}
      <Table<Deadline>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={matter.deadlines}
        pagination={false}
        rowClassName={(d) => (d.status === 'superseded' || d.status === 'waived' ? 'ls-row-disabled' : '')}
        locale={{ emptyText: t('deadline.none') }}
      />
    </div>
  );
}
