/**
 * 整改台账: the rectification items in the inspection offices' layout, filtered by source document,
 * responsible unit and state (kept in the address so a link can be shared), exported to .xlsx, and
 * imported from a sheet by those who may register items.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Progress, Select, Space, Tooltip, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { MATTER_STATES, STATE_LABELS, type MatterState } from '../../../src/domain/matters.ts';
import { LEDGER_COLUMNS } from '../../../src/modules/ledger/schema.ts';
import type { Unit } from '../../../src/modules/org/schema.ts';
import { roleMay } from '../../../src/platform/policies.ts';
import { api } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from '../feedback.ts';
import { usePaging } from '../components/usePaging.ts';
import { useRemote } from '../components/useRemote.ts';
import { LoadFailedInline, PageTitle } from '../components/PageState.tsx';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { LedgerTable } from './ledger/LedgerTable.tsx';
import { ImportModal } from './ledger/ImportModal.tsx';

const isState = (v: string | null): v is MatterState => v !== null && (MATTER_STATES as readonly string[]).includes(v);

function positiveInt(v: string | null): number | undefined {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
}

type FilterKey = 'sourceDoc' | 'unitId' | 'state';

export default function LedgerPage() {
  const { me } = useMe();
  const { t, l, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const sourceDoc = params.get('sourceDoc')?.trim() || undefined;
  const unitId = positiveInt(params.get('unitId'));
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : undefined;
  const filters = useMemo(() => ({ sourceDoc, unitId, state }), [sourceDoc, unitId, state]);
  const filtered = !!(sourceDoc || unitId || state);
  const mayImport = roleMay(me.role, 'matter.create');

  const { page, pageSize, setPage, pagination } = usePaging(50, [20, 50, 100, 200]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    api.units().then(setUnits, () => setUnits([]));
  }, []);

  const docs = useRemote(() => api.ledgerDocuments(), []);
  const { data, loading, error, reload } = useRemote(() => api.ledger({ ...filters, page, pageSize }), [filters, page, pageSize]);

  const setFilter = (patch: Partial<Record<FilterKey, string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
    setPage(1);
  };

  const refresh = () => {
    reload();
    docs.reload();
  };

  const documents = docs.data?.items ?? [];
  const chosen = sourceDoc ? documents.find((d) => d.sourceDoc === sourceDoc) : undefined;
  const all = documents.reduce((s, d) => ({ total: s.total + d.total, closed: s.closed + d.closed, overdue: s.overdue + d.overdue }), { total: 0, closed: 0, overdue: 0 });
  const shown = sourceDoc ? chosen : documents.length ? all : undefined;
  const columns = data?.columns ?? LEDGER_COLUMNS.map(({ key, zh, en }) => ({ key, zh, en }));
  const total = data?.total ?? 0;

  const summary = shown && (
    <Space size={16} wrap data-testid="ledger-summary" style={{ marginTop: 12 }}>
      <Typography.Text>
        {sourceDoc
          ? t('ledger.summaryDoc', { total: shown.total, closed: shown.closed, open: shown.total - shown.closed, overdue: shown.overdue })
          : t('ledger.summaryAll', { docs: documents.length, total: shown.total, closed: shown.closed, overdue: shown.overdue })}
      </Typography.Text>
      <Space size={6}>
        <Typography.Text type="secondary">{t('ledger.closeRate')}</Typography.Text>
        <Progress
          percent={shown.total ? Math.round((shown.closed / shown.total) * 1000) / 10 : 0}
          size={[160, 8]}
          strokeColor="#52c41a"
          format={(p) => `${p ?? 0}%`}
        />
      </Space>
    </Space>
  );

  return (
    <div data-testid="page-ledger">
      <PageTitle
        title={t('ledger.title')}
        hint={t('ledger.hint')}
        extra={
          <Space wrap>
            <Tooltip title={t('ledger.exportHint')}>
              <Button icon={<DownloadOutlined />} href={api.ledgerXlsxUrl(filters)} disabled={total === 0} data-testid="ledger-export">
                {t('ledger.export')}
              </Button>
            </Tooltip>
            {mayImport && (
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="ledger-import">
                {t('ledger.import')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" className="ls-filter-card">
        <Space wrap size={[12, 8]}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'title' }}
            placeholder={t('ledger.filterDoc')}
            style={{ width: 380, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            loading={docs.loading}
            value={sourceDoc}
            onChange={(v) => setFilter({ sourceDoc: v ?? undefined })}
            options={documents.map((d) => ({
              value: d.sourceDoc,
              title: d.sourceDoc,
              label: (
                <span>
                  {d.sourceDoc}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {t('ledger.docOption', { n: d.total })}
                  </Typography.Text>
                </span>
              ),
            }))}
            notFoundContent={t('ledger.empty')}
            data-testid="ledger-filter-doc"
          />
          <UnitTreeSelect
            units={units}
            allowClear
            fullLabels
            value={unitId ?? null}
            onChange={(v: number | null) => setFilter({ unitId: v ?? undefined })}
            placeholder={t('ledger.filterUnit')}
            style={{ width: 240 }}
            data-testid="ledger-filter-unit"
          />
          <Select<MatterState>
            allowClear
            placeholder={t('ledger.filterState')}
            style={{ width: 150 }}
            value={state}
            onChange={(v) => setFilter({ state: v ?? undefined })}
            options={MATTER_STATES.filter((s) => s !== 'submitted' && s !== 'replied').map((s) => ({
              value: s,
              label: s === 'closed' ? t('ledger.stateClosed') : l(STATE_LABELS[s]),
            }))}
            data-testid="ledger-filter-state"
          />
          <Button onClick={() => setFilter({ sourceDoc: undefined, unitId: undefined, state: undefined })} disabled={!filtered}>
            {t('common.reset')}
          </Button>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
          </Tooltip>
        </Space>
        {summary}
      </Card>
      {error !== null && <LoadFailedInline error={errorText(error, lang, t('error.unexpected'))} onRetry={refresh} />}
      {docs.error !== null && error === null && <LoadFailedInline error={errorText(docs.error, lang, t('error.unexpected'))} onRetry={docs.reload} />}
      <Card size="small" style={{ marginTop: 12 }}>
        <LedgerTable
          columns={columns}
          rows={data?.items ?? []}
          byDocument={!sourceDoc}
          loading={loading}
          pagination={pagination(total)}
          empty={filtered ? t('ledger.emptyFiltered') : mayImport ? t('ledger.emptyCanImport') : t('ledger.empty')}
        />
      </Card>
      {importing && (
        <ImportModal
          documents={documents.map((d) => d.sourceDoc)}
          initialDoc={sourceDoc}
          onClose={() => setImporting(false)}
          onImported={(doc) => {
            setFilter({ sourceDoc: doc, unitId: undefined, state: undefined });
            refresh();
          }}
        />
      )}
    </div>
  );
}
