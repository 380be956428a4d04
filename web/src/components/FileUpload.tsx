import { Button, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { FILE_TYPES, type FileInfo } from '../../../src/modules/files/schema.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useReportError } from '../feedback.ts';

const ACCEPT = Object.keys(FILE_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

/** The ids of the files that finished uploading (to send in `files`). */
export function uploadedIds(list: readonly UploadFile[] | undefined): string[] {
  return (list ?? []).filter((f) => f.status === 'done' && f.response).map((f) => (f.response as FileInfo).id);
}

/** Whether a file of the list is still on its way. */
export const stillUploading = (list: readonly UploadFile[] | undefined): boolean => (list ?? []).some((f) => f.status === 'uploading');

interface Props {
  /** Managed by Form.Item (valuePropName="fileList"). */
  fileList?: UploadFile[];
  onChange?: (list: UploadFile[]) => void;
  max?: number;
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * Attachments: each chosen file is uploaded at once (POST /api/files) and kept in the list with
 * the id the server gave it; the form sends the ids.
 */
export function FileUpload({ fileList, onChange, max = 20, disabled, ...rest }: Props) {
  const { t } = useI18n();
  const reportError = useReportError();

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const f = file as File;
    api.uploadFile(f, f.name).then(
      (info) => onSuccess?.(info),
      (e: unknown) => {
        reportError(e);
        onError?.(e instanceof Error ? e : new Error(String(e)));
      },
    );
  };

  return (
    <div data-testid={rest['data-testid']}>
      <Upload
        multiple
        accept={ACCEPT}
        fileList={fileList ?? []}
        maxCount={max}
        disabled={disabled}
        customRequest={customRequest}
        onChange={({ fileList: next }) => onChange?.(next.map((f) => (f.status === 'error' ? { ...f, response: t('file.uploadFailed') } : f)))}
        showUploadList={{ showPreviewIcon: false, showDownloadIcon: false }}
      >
        <Button icon={<PaperClipOutlined />} disabled={disabled}>
          {t('file.choose')}
        </Button>
      </Upload>
      <div className="ls-upload-hint">{t('file.hint')}</div>
    </div>
  );
}
