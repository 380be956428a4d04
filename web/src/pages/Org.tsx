import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Tabs } from 'antd';
import { ApartmentOutlined, CrownOutlined } from '@ant-design/icons';
import type { Leader, Unit } from '../../../src/modules/org/schema.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from '../feedback.ts';
import { LoadFailed, PageSpin, PageTitle } from '../components/PageState.tsx';
import { UnitsPanel } from './org/UnitsPanel.tsx';
import { LeadersPanel } from './org/LeadersPanel.tsx';

type Tab = 'units' | 'leaders';

export default function OrgPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'leaders' ? 'leaders' : 'units';
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [leaders, setLeaders] = useState<Leader[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async (): Promise<{ units: Unit[]; leaders: Leader[] } | null> => {
    try {
      const [u, l] = await Promise.all([api.units(), api.leaders()]);
      setUnits(u);
      setLeaders(l);
      setError(null);
      return { units: u, leaders: l };
    } catch (e) {
      setError(e);
      return null;
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  let body;
  if (error && !units) body = <LoadFailed error={errorText(error, lang, t('error.unexpected'))} onRetry={() => void reload()} />;
  else if (!units || !leaders) body = <PageSpin />;
  else
    body = (
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'leaders' ? { tab: 'leaders' } : {}, { replace: true })}
        items={[
          {
            key: 'units',
            label: (
              <span data-testid="org-tab-units">
                <ApartmentOutlined /> {t('org.tabUnits')}
              </span>
            ),
            children: <UnitsPanel units={units} leaders={leaders} reload={reload} />,
          },
          {
            key: 'leaders',
            label: (
              <span data-testid="org-tab-leaders">
                <CrownOutlined /> {t('org.tabLeaders')}
              </span>
            ),
            children: <LeadersPanel units={units} leaders={leaders} reload={reload} />,
          },
        ]}
      />
    );

  return (
    <div data-testid="page-org">
      <PageTitle title={t('org.title')} hint={t('org.hint')} />
      {body}
    </div>
  );
}
