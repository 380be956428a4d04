import { useI18n } from '../i18n/index.tsx';
import { PageTitle } from '../components/PageState.tsx';

export default function LedgerPage() {
  const { t } = useI18n();
  return (
    <div data-testid="page-ledger">
      <PageTitle title={t('nav.ledger')} />
    </div>
  );
}
