import { Space, Tag, Tooltip } from 'antd';
import type { User } from '../../../src/modules/users/schema.ts';
import { useI18n } from '../i18n/index.tsx';
import { fmtClock, isFuture } from '../util.ts';

/** 正常 / 停用 / 已锁定 / 需改密, as tags. */
export function UserStatus({ user }: { user: User }) {
  const { t } = useI18n();
  const tags = [];
  if (user.disabled)
    tags.push(
      <Tag key="disabled" color="red">
        {t('user.status.disabled')}
      </Tag>,
    );
  if (isFuture(user.lockedUntil))
    tags.push(
      <Tooltip key="locked" title={t('user.lockedUntil', { time: fmtClock(user.lockedUntil) })}>
        <Tag color="orange">{t('user.status.locked')}</Tag>
      </Tooltip>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tooltip key="pw" title={t('user.mustChangeHint')}>
        <Tag color="gold">{t('user.status.mustChange')}</Tag>
      </Tooltip>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="green">
        {t('user.status.ok')}
      </Tag>,
    );
  return <Space size={[0, 4]} wrap>{tags}</Space>;
}

