/** One day of the calendar, for an administrator: make it a rest day or a working day with a name, or back to the default. */
import { useState } from 'react';
import { AutoComplete, Button, Descriptions, Form, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { CalendarDay, DayChange } from '../../../../src/modules/calendar/schema.ts';
import { isWeekend } from '../../../../src/domain/calendar.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFormErrorHandler } from '../../feedback.ts';
import { dayKind } from './rules.ts';
import { KIND_LABELS, SOURCE_LABELS, weekdayName } from './YearGrid.tsx';

const KIND_COLORS = { holiday: 'red', makeup: 'orange', weekend: 'default', weekday: 'blue' } as const;

/** Names from the State Council's notices, offered while typing. */
const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '调休上班'];

interface Values {
  working: 'rest' | 'work';
  name: string;
}

interface Props {
  day: CalendarDay;
  onClose: () => void;
  /** The change went through: what it was and what it did. */
  onDone: (what: string, change: DayChange) => void;
}

export function DayModal({ day, onClose, onDone }: Props) {
  const { t, l, lang } = useI18n();
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'clear' | null>(null);
  const kind = dayKind(day);
  const weekend = isWeekend(day.day);
  const overridden = day.source === 'override';
  const name = l({ zh: day.name, en: day.nameEn || day.name });

  // An override is edited as it is; otherwise the click means "the other way round".
  const initial: Values = overridden
    ? { working: day.working ? 'work' : 'rest', name: day.name }
    : day.working
      ? { working: 'rest', name: '' }
      : { working: 'work', name: weekend ? '调休上班' : '' };
  const working = Form.useWatch('working', form) ?? initial.working;

  const save = async (v: Values) => {
    setBusy('save');
    try {
      const r = await api.setCalendarDay(day.day, { working: v.working === 'work', name: v.name.trim() });
      const what = v.working === 'work' ? t('cal.didSetWork', { day: day.day }) : t('cal.didSetRest', { day: day.day });
      onDone(v.name.trim() ? t('cal.withName', { what, name: v.name.trim() }) : what, r);
    } catch (e) {
      onFormError(form, e, ['working', 'name']);
    } finally {
      setBusy(null);
    }
  };

  const clear = async () => {
    setBusy('clear');
    try {
      const r = await api.clearCalendarDay(day.day);
      onDone(t('cal.didClear', { day: day.day, state: r.working ? t('cal.working') : t('cal.rest') }), r);
    } catch (e) {
      onFormError(form, e, []);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      open
      width={520}
      title={t('cal.dayTitle', { day: day.day, weekday: weekdayName(day.day, lang) })}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid="cal-day-modal"
      footer={
        <Space wrap>
          {overridden && (
            <Button onClick={() => void clear()} loading={busy === 'clear'} disabled={busy === 'save'} data-testid="cal-day-clear">
              {t('cal.clear')}
            </Button>
          )}
          <Button onClick={onClose} disabled={!!busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" onClick={() => form.submit()} loading={busy === 'save'} disabled={busy === 'clear'} data-testid="cal-day-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('cal.now')}>
          <Space size={4} wrap>
            <Tag color={KIND_COLORS[kind]}>{t(KIND_LABELS[kind])}</Tag>
            {name && <Typography.Text>{name}</Typography.Text>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('cal.sourceLabel')}>
          {t(SOURCE_LABELS[day.source])}
          {overridden && <Typography.Text type="secondary">{t('cal.clearHint')}</Typography.Text>}
        </Descriptions.Item>
      </Descriptions>
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} disabled={!!busy} requiredMark="optional">
        <Form.Item name="working" label={t('cal.setAs')} required>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="cal-day-working">
            <Radio.Button value="rest" data-testid="cal-day-rest">
              {t('cal.rest')}
            </Radio.Button>
            <Radio.Button value="work" data-testid="cal-day-work">
              {t('cal.working')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('cal.name')}
          extra={working === 'rest' ? t('cal.nameRestHelp') : t('cal.nameWorkHelp')}
          rules={[{ max: 50, message: t('common.maxLength', { n: 50 }) }]}
        >
          <AutoComplete
            options={HOLIDAY_NAMES.map((n) => ({ value: n }))}
            filterOption={(input, o) => !input || String(o?.value ?? '').includes(input)}
            placeholder={working === 'rest' ? t('cal.namePlaceholderRest') : t('cal.namePlaceholderWork')}
            maxLength={50}
            allowClear
            data-testid="cal-day-name"
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('cal.recomputeHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
