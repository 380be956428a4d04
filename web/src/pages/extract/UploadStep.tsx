/**
 * Step 1: the report (.txt or .docx, dragged in or chosen) is uploaded with its progress and read
 * at once; the year its time limits resolve against is shown (found in the text) and can be
 * changed. A file already under review in this browser offers to continue where it was left.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Progress, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';
import { fmtDateTime } from '../../util.ts';
import { countRows, draftKey, loadDraft, newDraft, type Draft } from './draft.ts';

const ACCEPT = '.txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const readable = (name: string) => /\.(txt|docx)$/i.test(name);

interface Props {
  draft: Draft | null;
  onDraft: (draft: Draft) => void;
  onYear: (year: number | null) => void;
  onNext: () => void;
}

type Phase = 'idle' | 'uploading' | 'reading';

export function UploadStep({ draft, onDraft, onYear, onNext }: Props) {
  const { me } = useMe();
  const { t, lang } = useI18n();
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [found, setFound] = useState<{ file: File; saved: Draft } | null>(null);
  const busy = phase !== 'idle';

  const read = async (file: File) => {
    setFound(null);
    setFailure(null);
    setPercent(0);
    setPhase('uploading');
    try {
      const result = await api.extractDraft(file, null, (p) => {
        setPercent(p);
        if (p >= 100) setPhase('reading');
      });
      onDraft(newDraft(me.id, file, result));
    } catch (e) {
      setFailure(errorText(e, lang, t('error.unexpected')));
    } finally {
      setPhase('idle');
    }
  };

  const choose = (file: File) => {
    if (!readable(file.name)) {
      setFailure(t('extract.notSupported'));
      return;
    }
    const saved = loadDraft(draftKey(me.id, file.name, file.size));
    if (saved) setFound({ file, saved });
    else void read(file);
  };

  const counts = draft && {
    target: draft.rows.filter((r) => r.kind === 'target').length,
    task: draft.rows.filter((r) => r.kind === 'task').length,
    project: draft.rows.filter((r) => r.kind === 'project').length,
  };

  return (
    <div data-testid="extract-upload">
      <div data-testid="extract-file">
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            choose(f);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t(draft ? 'extract.dropAnother' : 'extract.drop')}</p>
          <p className="ant-upload-hint">{t('extract.dropHint')}</p>
        </Upload.Dragger>
      </div>

      {busy && (
        <div style={{ marginTop: 16 }} data-testid="extract-progress">
          <Typography.Text type="secondary">{phase === 'uploading' ? t('extract.uploading') : t('extract.reading')}</Typography.Text>
          <Progress percent={percent} status="active" size="small" />
        </div>
      )}
      {failure && <Alert type="error" showIcon style={{ marginTop: 16 }} title={failure} data-testid="extract-failure" />}

      {found && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="extract-found-saved"
          title={t('extract.savedDraftFound', {
            file: found.saved.fileName,
            time: fmtDateTime(found.saved.savedAt),
            accepted: countRows(found.saved.rows).accepted,
            rejected: countRows(found.saved.rows).rejected,
          })}
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={() => { onDraft(found.saved); setFound(null); }} data-testid="extract-continue">
                {t('extract.continue')}
              </Button>
              <Button size="small" onClick={() => void read(found.file)} data-testid="extract-restart">
                {t('extract.restart')}
              </Button>
            </Space>
          }
        />
      )}

      {draft && counts && !busy && (
        <Card size="small" style={{ marginTop: 16 }} data-testid="extract-summary">
          {draft.rows.length > 0 ? (
            <Alert type="success" showIcon title={t('extract.found', { file: draft.fileName, total: draft.rows.length, ...counts })} data-testid="extract-found" />
          ) : (
            <Alert type="warning" showIcon title={t('extract.foundNone', { file: draft.fileName })} data-testid="extract-found" />
          )}
          <Form layout="vertical" style={{ marginTop: 16, maxWidth: 560 }}>
            <Form.Item
              label={t('extract.year')}
              validateStatus={draft.year === null ? 'warning' : undefined}
              help={
                draft.year === null
                  ? t('extract.yearHelpMissing')
                  : draft.detectedYear === draft.year
                    ? t('extract.yearHelpFound', { year: draft.year })
                    : t('extract.yearHelpChanged', { year: draft.year })
              }
            >
              <InputNumber<number>
                min={1990}
                max={2100}
                precision={0}
                value={draft.year}
                onChange={(v) => {
                  if (v === null || (v >= 1990 && v <= 2100)) onYear(v);
                }}
                style={{ width: 140 }}
                data-testid="extract-year"
              />
            </Form.Item>
          </Form>
          <Button type="primary" onClick={onNext} disabled={draft.rows.length === 0} data-testid="extract-to-review">
            {t('extract.toReview')}
          </Button>
        </Card>
      )}
    </div>
  );
}
