import { useI18n } from '../i18n/index.tsx';
import { PageTitle } from '../components/PageState.tsx';

export default function StatsPage() {
  const { t } = useI18n();
  return (
    <div data-testid="page-stats">
      <PageTitle title={t('nav.stats')} />
    </div>
  );
}
