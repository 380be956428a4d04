/** The assigning side corrects a matter's texts, its leader, its confidentiality or its links (not its units or deadlines). */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
import type { Leader } from '../../../../src/modules/org/schema.ts';
import { api, type Matter, type UpdateMatterInput } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../feedback.ts';
import { useMatterFormErrors } from './formErrors.ts';
import { LinksField, linkValuesOf, sameLinks, toLinkInputs, type LinkValue } from './LinksField.tsx';

interface Values {
  title: string;
  content: string;
  sourceDoc: string;
  requirement: string;
  measures: string;
  leaderId: number | null;
  confidential: boolean;
  links: LinkValue[];
}

const FIELDS = ['title', 'content', 'sourceDoc', 'requirement', 'measures', 'leaderId', 'confidential', 'links'] as const;

interface Props {
  matter: Matter;
  leaders: readonly Leader[];
  onClose: () => void;
  onSaved: (m: Matter) => void;
  onStale: () => void;
}

export function EditMatterModal({ matter, leaders, onClose, onSaved, onStale }: Props) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const onError = useMatterFormErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const initial: Values = {
    title: matter.title,
    content: matter.content,
    sourceDoc: matter.sourceDoc,
    requirement: matter.requirement,
    measures: matter.measures,
    leaderId: matter.leaderId,
    confidential: matter.confidential,
    links: linkValuesOf(matter),
  };

  const submit = async (v: Values) => {
    const body: UpdateMatterInput = { version: matter.version };
    if (v.title.trim() !== matter.title) body.title = v.title.trim();
    if ((v.content ?? '').trim() !== matter.content) body.content = (v.content ?? '').trim();
    if ((v.sourceDoc ?? '').trim() !== matter.sourceDoc) body.sourceDoc = (v.sourceDoc ?? '').trim();
    if ((v.requirement ?? '').trim() !== matter.requirement) body.requirement = (v.requirement ?? '').trim();
    if ((v.measures ?? '').trim() !== matter.measures) body.measures = (v.measures ?? '').trim();
    if ((v.leaderId ?? null) !== matter.leaderId) body.leaderId = v.leaderId ?? null;
    if (v.confidential !== matter.confidential) body.confidential = v.confidential;
    if (!sameLinks(v.links, initial.links)) body.links = toLinkInputs(v.links);
    if (Object.keys(body).length === 1) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    setBusy(true);
    try {
      const saved = await api.updateMatter(matter.id, body);
      void message.success(t('matter.saved'));
      onSaved(saved);
    } catch (e) {
      const code = onError(form, e, FIELDS);
      if (code === 'CONFLICT' || code === 'VERSION_CONFLICT') {
        modal.warning({ title: t('conflict.title'), content: errorText(e, lang, t('conflict.body')) });
        onStale();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={t('matter.editTitle', { code: matter.code })}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid="matter-edit-modal"
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="matter-edit-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={busy} requiredMark="optional">
        <Form.Item name="title" label={t('matter.title')} rules={[{ required: true, whitespace: true, message: t('matter.titleRequired') }]}>
          <Input maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="sourceDoc" label={t('matter.sourceDoc')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t('matter.content')}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Form.Item name="requirement" label={t('matter.requirement')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="measures" label={t('matter.measures')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="leaderId" label={t('matter.leader')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('matter.leaderPlaceholder')}
            options={leaders.filter((x) => x.active || x.id === matter.leaderId).map((x) => ({ value: x.id, label: `${x.name}（${x.title}）` }))}
          />
        </Form.Item>
        <Form.Item name="confidential" label={t('matter.confidential')} valuePropName="checked" extra={t('matter.confidentialHelp')}>
          <Switch />
        </Form.Item>
        <LinksField self={matter.id} testId="edit-links" />
      </Form>
    </Modal>
  );
}
