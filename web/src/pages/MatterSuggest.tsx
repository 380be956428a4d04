import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Col, Form, Input, Radio, Row, Space } from 'antd';
import type { UploadFile } from 'antd';
import { SOURCE_LABELS } from '../../../src/domain/matters.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { newRequestId } from '../util.ts';
import { PageTitle } from '../components/PageState.tsx';
import { FileUpload, stillUploading, uploadedIds } from '../components/FileUpload.tsx';
import { useMatterFormErrors } from './matters/formErrors.ts';

interface Values {
  source: 'suggestion' | 'proposal';
  title: string;
  content: string;
  delegation?: string;
  sessionName?: string;
  files?: UploadFile[];
}

const FIELDS = ['source', 'title', 'content', 'delegation', 'sessionName', 'files'] as const;

/** A deputy files a suggestion (or a CPPCC member a proposal); the supervision office assigns it. */
export default function MatterSuggestPage() {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useMatterFormErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(newRequestId);

  const submit = async (v: Values) => {
    if (stillUploading(v.files)) {
      void message.warning(t('file.stillUploading'));
      return;
    }
    setBusy(true);
    try {
      const r = await api.fileSuggestion({
        source: v.source,
        title: v.title.trim(),
        content: v.content.trim(),
        delegation: (v.delegation ?? '').trim(),
        sessionName: (v.sessionName ?? '').trim(),
        files: uploadedIds(v.files),
        requestId,
      });
      void message.success(t('suggest.filed', { code: r.matter.code }));
      navigate(`/matters/${r.matter.id}`, { replace: true });
    } catch (e) {
      onError(form, e, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="page-matter-suggest">
      <PageTitle title={t('suggest.title')} hint={t('suggest.hint')} />
      <Card size="small" style={{ maxWidth: 880 }}>
        <Form<Values> form={form} layout="vertical" initialValues={{ source: 'suggestion', files: [] }} onFinish={submit} disabled={busy} requiredMark="optional">
          <Form.Item name="source" label={t('suggest.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(['suggestion', 'proposal'] as const).map((s) => ({ value: s, label: l(SOURCE_LABELS[s]) }))}
              data-testid="suggest-source"
            />
          </Form.Item>
          <Form.Item name="title" label={t('matter.title')} rules={[{ required: true, whitespace: true, message: t('matter.titleRequired') }]}>
            <Input maxLength={200} showCount placeholder={t('suggest.titlePlaceholder')} data-testid="suggest-title" />
          </Form.Item>
          <Form.Item name="content" label={t('matter.contentSuggestion')} rules={[{ required: true, whitespace: true, message: t('suggest.contentRequired') }]}>
            <Input.TextArea rows={8} maxLength={20000} showCount placeholder={t('suggest.contentPlaceholder')} data-testid="suggest-content" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="delegation" label={t('matter.delegation')}>
                <Input maxLength={100} placeholder={t('suggest.delegationPlaceholder')} data-testid="suggest-delegation" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="sessionName" label={t('matter.sessionName')}>
                <Input maxLength={100} placeholder={t('suggest.sessionPlaceholder')} data-testid="suggest-session" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="files" label={t('step.files')} valuePropName="fileList" getValueFromEvent={(list: UploadFile[]) => list}>
            <FileUpload data-testid="suggest-files" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="suggest-submit">
              {t('suggest.submit')}
            </Button>
            <Button onClick={() => navigate('/matters')} disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
