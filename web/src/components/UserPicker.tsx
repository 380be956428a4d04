import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

interface Option {
  value: number;
  label: string;
}

/** Picks a user account by searching the server (name or user name). */
export function UserPicker({
  value,
  onChange,
  placeholder,
  knownLabels,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  /** Labels of users already known to the caller (for the current value). */
  knownLabels?: ReadonlyMap<number, string>;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const seq = useRef(0);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const list = await api.users({ q: q.trim() || undefined, pageSize: 20 });
        if (mine === seq.current) {
          setOptions(list.items.map((u) => ({ value: u.id, label: t('user.pickLabel', { name: u.displayName, username: u.username, unit: u.unitName }) })));
        }
      } catch {
        if (mine === seq.current) setOptions([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  };

  useEffect(() => {
    search('');
    return () => window.clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const withCurrent =
    value != null && !options.some((o) => o.value === value)
      ? [{ value, label: knownLabels?.get(value) ?? t('user.byId', { id: value }) }, ...options]
      : options;

  return (
    <Select<number>
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={withCurrent}
      loading={loading}
      placeholder={placeholder ?? t('user.pickPlaceholder')}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? t('common.loading') : t('common.noMatch')}
    />
  );
}
