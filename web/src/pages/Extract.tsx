/**
 * 任务分解: a report (政府工作报告, a plan, meeting news) is uploaded, its targets, tasks and projects
 * are found, reviewed row by row (kind, text, figures, deadline, lead and cooperating units, accept or
 * reject) and exported as the 任务分解表 .xlsx. The review is kept in this browser so a refresh or a
 * later visit with the same file carries on where it was left.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Popconfirm, Space, Steps, Typography } from 'antd';
import type { Unit } from '../../../src/modules/org/schema.ts';
import { api } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { fmtDateTime } from '../util.ts';
import { PageTitle } from '../components/PageState.tsx';
import { clearCurrent, loadCurrent, saveDraft, withYear, type Draft, type ReviewRow } from './extract/draft.ts';
import { UploadStep } from './extract/UploadStep.tsx';
import { ReviewCounts, ReviewTable } from './extract/ReviewTable.tsx';
import { ExportStep } from './extract/ExportStep.tsx';
import './extract/extract.css';

export default function ExtractPage() {
  const { me } = useMe();
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(() => loadCurrent(me.id));
  const [restored, setRestored] = useState(() => draft !== null);
  const [saveFailed, setSaveFailed] = useState(false);
  const [units, setUnits] = useState<Unit[]>([]);

  useEffect(() => {
    api.units().then(setUnits, () => setUnits([]));
  }, []);

  // Every change is saved shortly after it is made, and at once when the page goes away.
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    if (!draft) return;
    const id = window.setTimeout(() => setSaveFailed(!saveDraft(me.id, draft)), 300);
    return () => window.clearTimeout(id);
  }, [draft, me.id]);
  useEffect(() => {
    const flush = () => {
      if (latest.current) saveDraft(me.id, latest.current);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [me.id]);

  const update = useCallback((change: (d: Draft) => Draft) => setDraft((d) => (d ? { ...change(d), savedAt: new Date().toISOString() } : d)), []);
  const changeRows = useCallback(
    (ids: readonly number[], patch: (r: ReviewRow) => Partial<ReviewRow>) => {
      const chosen = new Set(ids);
      update((d) => ({ ...d, rows: d.rows.map((r) => (chosen.has(r.id) ? { ...r, ...patch(r) } : r)) }));
    },
    [update],
  );
  const goTo = (step: Draft['step']) => {
    update((d) => ({ ...d, step }));
    setRestored(false);
    window.scrollTo({ top: 0 });
  };
  const startOver = () => {
    clearCurrent(me.id, draft?.key);
    setDraft(null);
    setRestored(false);
  };

  const step = draft?.step ?? 0;

  return (
    <div data-testid="page-extract">
      <PageTitle
        title={t('extract.title')}
        hint={t('extract.hint')}
        extra={
          draft && (
            <Popconfirm title={t('extract.startOverConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={startOver}>
              <Button data-testid="extract-start-over">{t('extract.startOver')}</Button>
            </Popconfirm>
          )
        }
      />
      <Steps
        size="small"
        current={step}
        style={{ margin: '4px 0 20px' }}
        onChange={draft && draft.rows.length > 0 ? (s) => goTo(s as Draft['step']) : undefined}
        items={[{ title: t('extract.step.upload') }, { title: t('extract.step.review') }, { title: t('extract.step.export') }]}
        data-testid="extract-steps"
      />
      {restored && draft && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setRestored(false) }}
          style={{ marginBottom: 16 }}
          title={t('extract.restored', { file: draft.fileName, time: fmtDateTime(draft.savedAt) })}
          data-testid="extract-restored"
        />
      )}
      {saveFailed && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('extract.saveFailed')} />}

      {step === 0 && (
        <UploadStep
          draft={draft}
          onDraft={(d) => {
            setDraft(d);
            setRestored(false);
          }}
          onYear={(year) => update((d) => withYear(d, year))}
          onNext={() => goTo(1)}
        />
      )}

      {step === 1 && draft && (
        <>
          <ReviewTable fileName={draft.fileName} text={draft.text} rows={draft.rows} units={units} onChange={changeRows} />
          <Space style={{ marginTop: 8 }} wrap>
            <Button onClick={() => goTo(0)} data-testid="extract-back">
              {t('extract.back')}
            </Button>
            <Button type="primary" onClick={() => goTo(2)} data-testid="extract-to-export">
              {t('extract.toExport')}
            </Button>
            <Typography.Text type="secondary">{t('extract.autosaved')}</Typography.Text>
          </Space>
        </>
      )}

      {step === 2 && draft && (
        <>
          <div style={{ marginBottom: 12 }}>
            <ReviewCounts rows={draft.rows} />
          </div>
          <ExportStep
            draft={draft}
            units={units}
            onDocument={(document) => update((d) => ({ ...d, document }))}
            onAcceptPending={() => update((d) => ({ ...d, rows: d.rows.map((r) => (r.status === 'pending' ? { ...r, status: 'accepted' } : r)) }))}
          />
          <Button style={{ marginTop: 8 }} onClick={() => goTo(1)} data-testid="extract-back">
            {t('extract.back')}
          </Button>
        </>
      )}
    </div>
  );
}
