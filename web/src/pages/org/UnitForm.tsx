import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { UNIT_KINDS, UNIT_KIND_LABELS, type Unit, type UnitKind } from '../../../../src/modules/org/schema.ts';
import { useI18n } from '../../i18n/index.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';

export interface UnitFormValues {
  name: string;
  shortName?: string;
  kind: UnitKind;
  regionCode?: string;
  sortOrder?: number | null;
  active?: boolean;
  parentId?: number;
}

/** Form field names, matching the API's body fields so validation issues land on them. */
export const unitFormFields = ['name', 'shortName', 'kind', 'regionCode', 'sortOrder', 'active', 'parentId'] as const;

interface Props {
  initialValues: Partial<UnitFormValues>;
  /** `edit`: `unit` is the unit being edited. `create`: `unit` is the parent of the new one. */
  mode: 'edit' | 'create';
  unit: Unit;
  units: Unit[];
  isParentAllowed?: (candidate: Unit) => boolean;
  busy: boolean;
  /** Gets the form too, so the caller can put the server's field issues onto it. */
  onFinish: (values: UnitFormValues, form: FormInstance<UnitFormValues>) => void;
  onCancel: () => void;
}

export function unitInitialValues(u: Unit): Partial<UnitFormValues> {
  return {
    name: u.name,
    shortName: u.shortName ?? '',
    kind: u.kind,
    regionCode: u.regionCode ?? '',
    sortOrder: u.sortOrder,
    active: u.active,
    parentId: u.parentId ?? undefined,
  };
}

export function UnitForm({ initialValues, mode, unit, units, isParentAllowed, busy, onFinish, onCancel }: Props) {
  const { t, l } = useI18n();
  const editing = mode === 'edit';
  const [form] = Form.useForm<UnitFormValues>();

  return (
    <Form<UnitFormValues>
      form={form}
      initialValues={initialValues}
      layout="vertical"
      onFinish={(v) => onFinish(v, form)}
      disabled={busy}
      requiredMark="optional"
      data-testid={editing ? 'unit-edit-form' : 'unit-create-form'}
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item
            name="name"
            label={t('unit.name')}
            rules={[
              { required: true, whitespace: true, message: t('unit.nameRequired') },
              { max: 100, message: t('common.maxLength', { n: 100 }) },
            ]}
          >
            <Input placeholder={t('unit.namePlaceholder')} maxLength={100} data-testid="unit-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="shortName" label={t('unit.shortName')} rules={[{ max: 50, message: t('common.maxLength', { n: 50 }) }]}>
            <Input placeholder={t('unit.shortNamePlaceholder')} maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('unit.kind')} rules={[{ required: true, message: t('unit.kindRequired') }]}>
            <Select
              options={UNIT_KINDS.map((k) => ({ value: k, label: l(UNIT_KIND_LABELS[k]) }))}
              data-testid="unit-kind"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="regionCode"
            label={t('unit.regionCode')}
            tooltip={t('unit.regionCodeHelp')}
            rules={[{ pattern: /^\d{6}(\d{3})?$/, message: t('unit.regionCodeInvalid') }]}
          >
            <Input placeholder={t('unit.regionCodePlaceholder')} maxLength={9} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="sortOrder" label={t('unit.sortOrder')} tooltip={t('unit.sortOrderHelp')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} placeholder={t('unit.sortOrderPlaceholder')} />
          </Form.Item>
        </Col>
        {editing && unit.parentId !== null && (
          <Col xs={24} md={16}>
            <Form.Item
              name="parentId"
              label={t('unit.parent')}
              tooltip={t('unit.parentHelp')}
              rules={[{ required: true, message: t('unit.parentRequired') }]}
            >
              <UnitTreeSelect
                units={units}
                isDisabled={(c) => c.path.startsWith(unit.path) || (isParentAllowed ? !isParentAllowed(c) : false)}
              />
            </Form.Item>
          </Col>
        )}
        {!editing && (
          <Col xs={24} md={16}>
            <Form.Item label={t('unit.parent')} required>
              <Typography.Text strong>{unit.name}</Typography.Text>
            </Form.Item>
          </Col>
        )}
        {editing && (
          <Col xs={24} md={8}>
            <Form.Item name="active" label={t('unit.status')} valuePropName="checked" tooltip={t('unit.activeHelp')} required>
              <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="unit-save">
          {editing ? t('common.save') : t('unit.createSubmit')}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}
