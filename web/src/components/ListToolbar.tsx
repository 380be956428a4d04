/** The filter bar above a list page's table: its card, the search box, the reset and refresh buttons. */
import type { ReactNode } from 'react';
import { Button, Card, Input, Select, Space, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';

/** The round refresh button with its tooltip. */
export function RefreshButton({ onClick, loading, testId }: { onClick: () => void; loading?: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t('common.refresh')}>
      <Button icon={<ReloadOutlined />} onClick={onClick} aria-label={t('common.refresh')} loading={loading} data-testid={testId} />
    </Tooltip>
  );
}

/** Clears the filters; disabled while there are none. */
export function ResetButton({ onClick, disabled, testId }: { onClick: () => void; disabled: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <Button onClick={onClick} disabled={disabled} data-testid={testId}>
      {t('common.reset')}
    </Button>
  );
}

export interface FilterSelectProps<T extends string | number> {
  placeholder: string;
  width: number;
  /** The filter's value; undefined when not filtering. */
  value: T | undefined;
  /** The new value, undefined when cleared. */
  onChange: (v: T | undefined) => void;
  options: { value: T; label: ReactNode; title?: string }[];
  /** Lets the user type to find an option by its label. */
  search?: boolean;
  testId: string;
}

/** A clearable select that filters a list. */
export function FilterSelect<T extends string | number>({ placeholder, width, value, onChange, options, search, testId }: FilterSelectProps<T>) {
  return (
    <Select<T>
      allowClear
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      placeholder={placeholder}
      style={{ width }}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={options}
      data-testid={testId}
    />
  );
}

export interface SearchInputProps {
  /** The text in the box (not yet searched for until Enter). */
  value: string;
  onValueChange: (text: string) => void;
  /** The search applied: the trimmed text, or undefined when the box is emptied. */
  onQuery: (q: string | undefined) => void;
  placeholder: string;
  width: number;
  maxLength?: number;
  testId: string;
}

/** A search box that searches on Enter and clears the search as soon as it is emptied. */
export function SearchInput({ value, onValueChange, onQuery, placeholder, width, maxLength, testId }: SearchInputProps) {
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={value}
      maxLength={maxLength}
      onChange={(e) => {
        onValueChange(e.target.value);
        if (!e.target.value) onQuery(undefined);
      }}
      onSearch={(v) => onQuery(v.trim() || undefined)}
      data-testid={testId}
    />
  );
}

export interface FilterBarProps {
  /** Above the filters (a list's box tabs). */
  top?: ReactNode;
  /** Below the filters. */
  bottom?: ReactNode;
  /** The horizontal gap between the filters. */
  gap?: number;
  /** Puts a refresh button after the filters. */
  onRefresh?: () => void;
  refreshing?: boolean;
  refreshTestId?: string;
  children: ReactNode;
}

export function FilterBar({ top, bottom, gap = 12, onRefresh, refreshing, refreshTestId, children }: FilterBarProps) {
  return (
    <Card size="small" className="ls-filter-card">
      {top}
      <Space wrap size={[gap, 8]}>
        {children}
        {onRefresh && <RefreshButton onClick={onRefresh} loading={refreshing} testId={refreshTestId} />}
      </Space>
      {bottom}
    </Card>
  );
}
