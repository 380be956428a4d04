/**
 * A dialog around a vertical form: cancel and submit in its footer; while the form is busy its
 * fields are disabled and the mask does not close it.
 */
import type { ReactNode } from 'react';
import { Button, Form, Modal, Space } from 'antd';
import type { FormInstance, FormProps } from 'antd';
import { useI18n } from '../i18n/index.tsx';

export interface FormModalProps<V> {
  title: ReactNode;
  width: number;
  form: FormInstance<V>;
  initialValues: FormProps<V>['initialValues'];
  onFinish: (values: V) => void;
  busy: boolean;
  onClose: () => void;
  submitText: string;
  testId: string;
  submitTestId: string;
  /** Above the form (a refusal from the server). */
  above?: ReactNode;
  /** The form's fields. */
  children: ReactNode;
}

export function FormModal<V>({ title, width, form, initialValues, onFinish, busy, onClose, submitText, testId, submitTestId, above, children }: FormModalProps<V>) {
  const { t } = useI18n();
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      mask={{ closable: !busy }}
      destroyOnHidden
      data-testid={testId}
      footer={
        <Space>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid={submitTestId}>
            {submitText}
          </Button>
        </Space>
      }
    >
      {above}
      <Form<V> form={form} layout="vertical" onFinish={onFinish} disabled={busy} requiredMark="optional" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
