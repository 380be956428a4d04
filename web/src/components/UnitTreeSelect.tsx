import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { Unit } from '../../../src/modules/org/schema.ts';
import { buildUnitTree, unitFullName, type UnitNode } from '../util.ts';
import { useI18n } from '../i18n/index.tsx';

interface Option {
  value: number;
  title: string;
  /** What the field shows once chosen. */
  label: string;
  disabled?: boolean;
  children: Option[];
}

export interface UnitTreeSelectProps {
  units: readonly Unit[];
  value?: number | number[] | null;
  onChange?: (value: never) => void;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  /** Units that cannot be chosen (still shown, greyed, so the tree stays readable). */
  isDisabled?: (unit: Unit) => boolean;
  /** Leave out inactive units (unless currently selected). */
  hideInactive?: boolean;
  /** Show a chosen unit with its parent's name in front ("离石区发展和改革局"), for names many units share. */
  fullLabels?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** A searchable unit picker over the organisation tree. */
export function UnitTreeSelect(props: UnitTreeSelectProps) {
  const { units, isDisabled, hideInactive, value, multiple, fullLabels } = props;
  const { t } = useI18n();

  const treeData = useMemo(() => {
    const selected = new Set(Array.isArray(value) ? value : value == null ? [] : [value]);
    const byId = new Map(units.map((u) => [u.id, u]));
    const toOption = (n: UnitNode): Option | null => {
      if (hideInactive && !n.unit.active && !selected.has(n.unit.id)) return null;
      const title = n.unit.active ? n.unit.name : t('unit.inactiveSuffix', { name: n.unit.name });
      return {
        value: n.unit.id,
        title,
        label: fullLabels ? unitFullName(n.unit, byId) : title,
        disabled: isDisabled ? isDisabled(n.unit) : false,
        children: n.children.map(toOption).filter((o): o is Option => o !== null),
      };
    };
    return buildUnitTree(units)
      .map(toOption)
      .filter((o): o is Option => o !== null);
  }, [units, isDisabled, hideInactive, value, fullLabels, t]);

  const defaultExpanded = useMemo(() => buildUnitTree(units).map((n) => n.unit.id), [units]);

  return (
    <TreeSelect
      id={props.id}
      data-testid={props['data-testid']}
      style={props.style ?? { width: '100%' }}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(v: unknown) => props.onChange?.((v ?? null) as never)}
      multiple={multiple}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('unit.pick')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeNodeLabelProp="label"
      treeDefaultExpandedKeys={defaultExpanded}
      disabled={props.disabled}
      treeLine
      maxTagCount={multiple ? 8 : undefined}
      listHeight={360}
      notFoundContent={t('common.noMatch')}
    />
  );
}
