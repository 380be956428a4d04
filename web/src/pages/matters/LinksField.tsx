/**
 * 关联事项 in the register and edit forms: other matters found by code or title through the
 * matters list, and outside documents (a meeting minute's number) with a note each.
 */
import { useRef, useState } from 'react';
import { App, Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { LinkType, Matter, MatterLinkInput, MatterSummary } from '../../../../src/modules/matters/schema.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';

/** The server's limits of a link set. */
const MAX_LINKS = 20;
const MAX_DOCUMENT = 60;

/** One link as the form holds it: what is sent, plus what is shown for a matter. */
export interface LinkValue {
  targetType: LinkType;
  targetId: string;
  note: string;
  code?: string | null;
  title?: string | null;
  /** False for a matter the user may not view (kept as it is unless removed). */
  visible?: boolean;
}

/** A matter's links as the edit form starts with them. */
export const linkValuesOf = (m: Matter): LinkValue[] =>
  m.links.map((x) => ({ targetType: x.targetType, targetId: x.targetId, note: x.note, code: x.code, title: x.title, visible: x.visible }));

/** The links as the API takes them. */
export const toLinkInputs = (links: readonly LinkValue[] | undefined): MatterLinkInput[] =>
  (links ?? []).map((x) => ({ targetType: x.targetType, targetId: x.targetId, note: x.note.trim() }));

/** Whether two link sets send the same thing (order aside). */
export function sameLinks(a: readonly LinkValue[] | undefined, b: readonly LinkValue[] | undefined): boolean {
  const key = (x: MatterLinkInput) => `${x.targetType}\u0000${x.targetId}\u0000${x.note}`;
  const ka = toLinkInputs(a).map(key).sort();
  const kb = toLinkInputs(b).map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

interface InputProps {
  value?: LinkValue[];
  onChange?: (value: LinkValue[]) => void;
  /** The matter being edited (not offered as its own link). */
  self?: number;
  testId: string;
}

function LinksInput({ value = [], onChange, self, testId }: InputProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [found, setFound] = useState<MatterSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [doc, setDoc] = useState('');
  const [docNote, setDocNote] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const seq = useRef(0);
  const searched = useRef(false);

  const full = value.length >= MAX_LINKS;
  const linked = new Set(value.filter((x) => x.targetType === 'matter').map((x) => x.targetId));

  const search = (q: string) => {
    searched.current = true;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const list = await api.matters({ q: q.trim() || undefined, pageSize: 20 });
        if (mine === seq.current) setFound(list.items);
      } catch {
        if (mine === seq.current) setFound([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  };

  const addMatter = (id: number) => {
    const m = found.find((x) => x.id === id);
    if (!m || full) return;
    onChange?.([...value, { targetType: 'matter', targetId: String(m.id), note: '', code: m.code, title: m.title, visible: true }]);
  };

  const addDocument = () => {
    const text = doc.trim();
    if (!text || full) return;
    if (value.some((x) => x.targetType === 'document' && x.targetId === text)) {
      void message.warning(t('matter.links.duplicate', { name: text }));
      return;
    }
    onChange?.([...value, { targetType: 'document', targetId: text, note: docNote.trim() }]);
    setDoc('');
    setDocNote('');
  };

  const setNote = (i: number, note: string) => onChange?.(value.map((x, n) => (n === i ? { ...x, note } : x)));
  const remove = (i: number) => onChange?.(value.filter((_x, n) => n !== i));

  const options = found
    .filter((m) => m.id !== self && !linked.has(String(m.id)))
    .map((m) => ({ value: m.id, label: `${m.code} ${m.title}` }));

  return (
    <div className="ls-links-field" data-testid={testId}>
      {value.length > 0 && (
        <ul className="ls-links-list">
          {value.map((x, i) => (
            <li key={`${x.targetType}:${x.targetId}`} data-testid={`${testId}-item`} data-target={`${x.targetType}:${x.targetId}`}>
              <span className="ls-links-target">
                {x.targetType === 'document' ? (
                  <>
                    <Tag>{t('matter.links.document')}</Tag>
                    {x.targetId}
                  </>
                ) : x.visible === false ? (
                  <Typography.Text type="secondary">{t('matter.links.hidden')}</Typography.Text>
                ) : (
                  <>
                    <Typography.Text className="ls-code">{x.code}</Typography.Text> {x.title}
                  </>
                )}
              </span>
              <Input
                size="small"
                value={x.note}
                maxLength={200}
                placeholder={t('matter.links.notePlaceholder')}
                onChange={(e) => setNote(i, e.target.value)}
                className="ls-links-note"
                data-testid={`${testId}-note-${i}`}
              />
              <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label={t('matter.links.remove')} data-testid={`${testId}-remove-${i}`} />
            </li>
          ))}
        </ul>
      )}
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <Select<number>
          value={null}
          onChange={addMatter}
          options={options}
          loading={loading}
          disabled={full}
          placeholder={full ? t('matter.links.full', { n: MAX_LINKS }) : t('matter.links.search')}
          showSearch={{ filterOption: false, onSearch: search }}
          onFocus={() => {
            if (!searched.current) search('');
          }}
          notFoundContent={loading ? t('common.loading') : t('common.noMatch')}
          style={{ width: '100%' }}
          data-testid={`${testId}-search`}
        />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={doc}
            maxLength={MAX_DOCUMENT}
            placeholder={t('matter.links.docPlaceholder')}
            onChange={(e) => setDoc(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault();
              addDocument();
            }}
            disabled={full}
            data-testid={`${testId}-doc`}
          />
          <Input
            value={docNote}
            maxLength={200}
            placeholder={t('matter.links.notePlaceholder')}
            onChange={(e) => setDocNote(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault();
              addDocument();
            }}
            disabled={full}
            style={{ maxWidth: 200 }}
            data-testid={`${testId}-doc-note`}
          />
          <Button icon={<PlusOutlined />} onClick={addDocument} disabled={full || !doc.trim()} data-testid={`${testId}-doc-add`}>
            {t('matter.links.addDocument')}
          </Button>
        </Space.Compact>
      </Space>
    </div>
  );
}

/** The links field of a matter form (form field `links`; server issues such as links.0.targetId land here). */
export function LinksField({ self, testId }: { self?: number; testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="links" label={t('matter.links')} extra={t('matter.links.help')}>
      <LinksInput self={self} testId={testId} />
    </Form.Item>
  );
}
