import { useI18n } from '../i18n/index.tsx';
import { PageTitle } from '../components/PageState.tsx';

export default function NotificationsPage() {
  const { t } = useI18n();
  return (
    <div data-testid="page-notifications">
      <PageTitle title={t('nav.notifications')} />
    </div>
  );
}
