import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Tabs } from 'antd';
import { CalendarOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { dayInChina } from '../../../src/domain/matters.ts';
import { useI18n } from '../i18n/index.tsx';
import { PageTitle } from '../components/PageState.tsx';
import { CalendarPanel } from './settings/CalendarPanel.tsx';
import { ClocksPanel } from './settings/ClocksPanel.tsx';
import './settings/settings.css';

type Tab = 'calendar' | 'clocks';

export default function SettingsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'clocks' ? 'clocks' : 'calendar';
  // Deadlines are counted in China's days.
  const today = useMemo(() => dayInChina(new Date()), []);
  const thisYear = Number(today.slice(0, 4));
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;

  const setYear = (y: number) => setParams(y === thisYear ? {} : { year: String(y) }, { replace: true });

  return (
    <div data-testid="page-settings">
      <PageTitle title={t('nav.settings')} hint={t('settings.hint')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'clocks' ? { tab: 'clocks' } : year === thisYear ? {} : { year: String(year) }, { replace: true })}
        items={[
          {
            key: 'calendar',
            label: (
              <span data-testid="settings-tab-calendar">
                <CalendarOutlined /> {t('settings.tabCalendar')}
              </span>
            ),
            children: <CalendarPanel year={year} thisYear={thisYear} today={today} setYear={setYear} />,
          },
          {
            key: 'clocks',
            label: (
              <span data-testid="settings-tab-clocks">
                <FieldTimeOutlined /> {t('settings.tabClocks')}
              </span>
            ),
            children: <ClocksPanel />,
          },
        ]}
      />
    </div>
  );
}
