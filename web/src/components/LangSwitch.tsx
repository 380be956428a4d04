import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';

/** One click switches between 中文 and English; the button names the language it switches to. */
export function LangSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <Tooltip title={t('lang.switchHint')}>
      <Button
        data-testid="lang-switch"
        type={dark ? 'text' : 'default'}
        size="small"
        icon={<TranslationOutlined />}
        className={dark ? 'ls-header-btn' : undefined}
        onClick={() => setLang(next)}
        lang={next === 'zh' ? 'zh-CN' : 'en'}
      >
        {next === 'zh' ? '中文' : 'English'}
      </Button>
    </Tooltip>
  );
}
