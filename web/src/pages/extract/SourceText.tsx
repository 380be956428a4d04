/**
 * Where an item came from: its sentence with some context in a popover, and the whole document in
 * a side panel with the item's words marked and scrolled into view.
 */
import { useEffect, useRef } from 'react';
import { Button, Drawer, Popover, Typography } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.tsx';

const CONTEXT = 90;

/**
 * Text as read, tidied for a short quote: line breaks and spaces of newspaper columns and spaced-out
 * characters go, a space between two Latin words stays.
 */
const tidy = (s: string) => s.replace(/\s+/g, (m, at: number) => (/[A-Za-z]/.test(s[at - 1] ?? '') && /[A-Za-z]/.test(s[at + m.length] ?? '') ? ' ' : ''));

/** The text around [start, end): back to the end of the sentence before, on to the end of the next. */
function around(text: string, [start, end]: [number, number]): { before: string; mark: string; after: string } {
  let from = Math.max(0, start - CONTEXT);
  const stop = text.slice(from, start).search(/[。！？；][^。！？；]*$/);
  if (stop >= 0) from += stop + 1;
  let to = Math.min(text.length, end + CONTEXT);
  const next = text.slice(end, to).search(/[。！？；]/);
  if (next >= 0) to = end + next + 1;
  return {
    before: (from > 0 && stop < 0 ? '…' : '') + tidy(text.slice(from, start)),
    mark: tidy(text.slice(start, end)),
    after: tidy(text.slice(end, to)) + (to < text.length && next < 0 ? '…' : ''),
  };
}

export function ContextPopover({ text, span, onShowAll }: { text: string; span: [number, number]; onShowAll: () => void }) {
  const { t } = useI18n();
  const c = around(text, span);
  const content = (
    <div style={{ maxWidth: 460 }} data-testid="extract-context">
      <div className="ls-extract-context">
        {c.before}
        <mark>{c.mark}</mark>
        {c.after}
      </div>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={onShowAll} data-testid="extract-show-document">
        {t('extract.showInDocument')}
      </Button>
    </div>
  );
  return (
    <Popover content={content} title={t('extract.original')} trigger={['hover', 'click']} mouseEnterDelay={0.3} placement="right">
      <Button type="text" size="small" icon={<FileSearchOutlined />} aria-label={t('extract.original')} data-testid="extract-original" />
    </Popover>
  );
}

/** The document with one span marked, scrolled to it when opened. */
export function DocumentDrawer({ open, fileName, text, span, onClose }: { open: boolean; fileName: string; text: string; span: [number, number] | null; onClose: () => void }) {
  const { t } = useI18n();
  const markRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open || !span) return;
    const id = window.setTimeout(() => markRef.current?.scrollIntoView({ block: 'center' }), 80);
    return () => window.clearTimeout(id);
  }, [open, span]);
  return (
    <Drawer open={open} onClose={onClose} size={560} title={t('extract.originalTitle', { file: fileName })} destroyOnHidden data-testid="extract-document">
      <Typography.Paragraph className="ls-extract-document">
        {span ? (
          <>
            {text.slice(0, span[0])}
            <mark ref={markRef}>{text.slice(span[0], span[1])}</mark>
            {text.slice(span[1])}
          </>
        ) : (
          text
        )}
      </Typography.Paragraph>
    </Drawer>
  );
}
