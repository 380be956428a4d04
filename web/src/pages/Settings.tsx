import { useI18n } from '../i18n/index.tsx';
import { PageTitle } from '../components/PageState.tsx';

export default function SettingsPage() {
  const { t } = useI18n();
  return (
    <div data-testid="page-settings">
      <PageTitle title={t('nav.settings')} />
    </div>
  );
}
