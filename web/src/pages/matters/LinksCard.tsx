/** 关联事项 on the matter page: what this matter refers to, and the matters that refer to it. */
import { Card, Typography, Tag } from 'antd';
import { Link } from 'react-router';
import { isOpen } from '../../../../src/domain/matters.ts';
import type { Matter } from '../../../../src/modules/matters/schema.ts';
import { useI18n } from '../../i18n/index.tsx';
import { LightTag, StateTag } from './parts.tsx';

function Note({ note }: { note: string }) {
  const { lang } = useI18n();
  if (!note) return null;
  return <Typography.Text type="secondary">{lang === 'zh' ? `（${note}）` : `(${note})`}</Typography.Text>;
}

export function LinksCard({ matter }: { matter: Matter }) {
  const { t } = useI18n();
  const empty = matter.links.length === 0 && matter.linkedFrom.length === 0;
  return (
    <Card size="small" title={t('matter.links')} style={{ marginTop: 12 }} className="ls-links-card" data-testid="matter-links">
      {empty && (
        <Typography.Text type="secondary" data-testid="matter-links-none">
          {t('matter.links.none')}
        </Typography.Text>
      )}
      {matter.links.length > 0 && (
        <>
          {matter.linkedFrom.length > 0 && <h5>{t('matter.links.outgoing')}</h5>}
          <ul className="ls-reasons" data-testid="matter-links-outgoing">
            {matter.links.map((x) => (
              <li key={`${x.targetType}:${x.targetId}`} data-testid="matter-link" data-target={`${x.targetType}:${x.targetId}`}>
                {x.targetType === 'document' ? (
                  <>
                    <Tag>{t('matter.links.document')}</Tag>
                    <span>{x.targetId}</span>
                  </>
                ) : x.visible && x.matterId !== null ? (
                  <>
                    <Link to={`/matters/${x.matterId}`} data-testid={`matter-link-${x.matterId}`}>
                      <Typography.Text className="ls-code">{x.code}</Typography.Text> {x.title}
                    </Link>
                    {x.state && <StateTag state={x.state} />}
                    {x.state && x.light && isOpen(x.state) && <LightTag light={x.light} />}
                  </>
                ) : (
                  <Typography.Text type="secondary" data-testid="matter-link-hidden">
                    {t('matter.links.hidden')}
                  </Typography.Text>
                )}
                <Note note={x.note} />
              </li>
            ))}
          </ul>
        </>
      )}
      {matter.linkedFrom.length > 0 && (
        <>
          <h5>{t('matter.links.linkedFrom')}</h5>
          <ul className="ls-reasons" data-testid="matter-linked-from">
            {matter.linkedFrom.map((x) => (
              <li key={x.matterId} data-testid="matter-backlink">
                <Link to={`/matters/${x.matterId}`} data-testid={`matter-backlink-${x.matterId}`}>
                  <Typography.Text className="ls-code">{x.code}</Typography.Text> {x.title}
                </Link>
                <StateTag state={x.state} />
                {isOpen(x.state) && <LightTag light={x.light} />}
                <Note note={x.note} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
