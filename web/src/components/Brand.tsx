import { useI18n } from '../i18n/index.tsx';

/** Product mark: 落实 with the city's platform name. */
export function Brand({ onClick, large = false }: { onClick?: () => void; large?: boolean }) {
  const { t } = useI18n();
  return (
    <div
      className={large ? 'ls-brand ls-brand-large' : 'ls-brand'}
      onClick={onClick}
      role={onClick ? 'link' : undefined}
      tabIndex={onClick ? 0 : undefined}
      onKeyDown={(e) => {
        if (onClick && (e.key === 'Enter' || e.key === ' ')) onClick();
      }}
    >
      <span className="ls-brand-mark" aria-hidden>
        实
      </span>
      <span className="ls-brand-text">
        <span className="ls-brand-name">{t('app.name')}</span>
        <span className="ls-brand-sub">{t('app.platform')}</span>
      </span>
    </div>
  );
}
