/**
 * Step 3: the accepted rows as the 任务分解表 .xlsx, titled with the document's name. Rows still
 * waiting for a decision are not exported (one click accepts them all). Creating the annual plan
 * from the rows directly comes with the plan capability.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tooltip, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined, ScheduleOutlined } from '@ant-design/icons';
import { decompositionTitle } from '../../../../src/modules/extract/schema.ts';
import type { Unit } from '../../../../src/modules/org/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useReportError } from '../../feedback.ts';
import { countRows, exportRows, type Draft } from './draft.ts';
import { saveBlob } from '../../util.ts';

interface Props {
  draft: Draft;
  units: readonly Unit[];
  onDocument: (document: string) => void;
  onAcceptPending: () => void;
}

export function ExportStep({ draft, units, onDocument, onAcceptPending }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const c = countRows(draft.rows);
  const accepted = draft.rows.filter((r) => r.status === 'accepted');
  const kinds = {
    target: accepted.filter((r) => r.kind === 'target').length,
    task: accepted.filter((r) => r.kind === 'task').length,
    project: accepted.filter((r) => r.kind === 'project').length,
  };
  const unassigned = accepted.filter((r) => r.leadUnitId === null).length;
  const document = draft.document.trim();
  const title = decompositionTitle(document);

  const download = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await api.extractExport({ document, rows: exportRows(draft.rows, units) });
      saveBlob(blob, filename);
      void message.success(t('extract.exported', { file: filename }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="extract-export">
      <Card size="small">
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item
            label={t('extract.document')}
            required
            validateStatus={document ? undefined : 'error'}
            help={document ? t('extract.documentHelp', { title }) : t('extract.documentRequired')}
          >
            <Input value={draft.document} maxLength={100} onChange={(e) => onDocument(e.target.value)} data-testid="extract-document-name" />
          </Form.Item>
        </Form>
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="extract-export-summary">
          <Descriptions.Item label={t('extract.exportRows')}>{t('extract.exportSummary', { n: accepted.length, ...kinds })}</Descriptions.Item>
          <Descriptions.Item label={t('extract.exportColumns')}>{t('extract.exportColumnList')}</Descriptions.Item>
        </Descriptions>
        {c.pending > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('extract.exportPending', { n: c.pending })}
            action={
              <Button size="small" icon={<CheckOutlined />} onClick={onAcceptPending} data-testid="extract-accept-pending">
                {t('extract.acceptPending', { n: c.pending })}
              </Button>
            }
            data-testid="extract-pending-warning"
          />
        )}
        {accepted.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('extract.exportNone')} />}
        {unassigned > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('extract.exportUnassigned', { n: unassigned })} />}
        <Space wrap>
          <Button type="primary" icon={<DownloadOutlined />} loading={busy} disabled={accepted.length === 0 || !document} onClick={download} data-testid="extract-download">
            {t('extract.export')}
          </Button>
          <Tooltip title={t('extract.createPlanSoon')}>
            <Button icon={<ScheduleOutlined />} disabled data-testid="extract-create-plan">
              {t('extract.createPlan')}
            </Button>
          </Tooltip>
        </Space>
      </Card>
      <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('extract.planLater')} data-testid="extract-plan-later" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('extract.exportPrivacy')}
      </Typography.Paragraph>
    </div>
  );
}
