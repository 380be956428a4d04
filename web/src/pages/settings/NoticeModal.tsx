/** Entering (or correcting) the State Council's notice of a year's holidays: the year then counts as official. */
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { YearChange, YearNotice } from '../../../../src/modules/calendar/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFormErrorHandler } from '../../feedback.ts';

interface Values {
  notice: string;
  publishedOn: Dayjs | null;
}

interface Props {
  year: number;
  notice: YearNotice | null;
  onClose: () => void;
  onDone: (what: string, change: YearChange) => void;
}

export function NoticeModal({ year, notice, onClose, onDone }: Props) {
  const { t } = useI18n();
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const initial: Values = {
    notice: notice?.notice ?? t('cal.noticeDefault', { year }),
    publishedOn: notice?.publishedOn ? dayjs(notice.publishedOn) : null,
  };

  const save = async (v: Values) => {
    setBusy(true);
    try {
      const r = await api.setCalendarYear(year, { notice: v.notice.trim(), publishedOn: v.publishedOn ? v.publishedOn.format('YYYY-MM-DD') : null });
      onDone(notice ? t('cal.didNoticeUpdate', { year }) : t('cal.didNoticeEnter', { year }), r);
    } catch (e) {
      onFormError(form, e, ['notice', 'publishedOn']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={600}
      title={notice ? t('cal.noticeEditTitle', { year }) : t('cal.noticeEnterTitle', { year })}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid="cal-notice-modal"
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" onClick={() => form.submit()} loading={busy} data-testid="cal-notice-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cal.noticeExplain', { year })} />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} disabled={busy} requiredMark="optional">
        <Form.Item
          name="notice"
          label={t('cal.noticeText')}
          rules={[
            { required: true, whitespace: true, message: t('cal.noticeRequired') },
            { max: 200, message: t('common.maxLength', { n: 200 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount data-testid="cal-notice-text" />
        </Form.Item>
        <Form.Item
          name="publishedOn"
          label={t('cal.noticePublishedOn')}
          extra={t('cal.noticePublishedHelp')}
          rules={[
            {
              validator: (_r, v: Dayjs | null) =>
                v && v.year() > year ? Promise.reject(new Error(t('cal.noticeTooLate', { year }))) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.year() > year} data-testid="cal-notice-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
