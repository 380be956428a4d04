/**
 * A tiny i18n: one dictionary object per language, `t(key, vars)` with `{name}` placeholders,
 * and `l({zh, en})` for the bilingual labels the server's contract files carry.
 * The language is remembered in localStorage under `luoshi.lang`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zh from './zh.ts';
import en from './en.ts';

export type Lang = 'zh' | 'en';
export type MsgKey = keyof typeof zh;
export type Vars = Record<string, string | number>;
export interface Bilingual {
  zh: string;
  en: string;
}

const DICTS: Record<Lang, Record<MsgKey, string>> = { zh, en };
export const LANG_STORAGE_KEY = 'luoshi.lang';

export function isMsgKey(key: string): key is MsgKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

export function translate(lang: Lang, key: MsgKey, vars?: Vars): string {
  const text = DICTS[lang][key] ?? DICTS.zh[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    /* storage unavailable: fall through to the default */
  }
  return 'zh';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Translate a dictionary key. */
  t: (key: MsgKey, vars?: Vars) => string;
  /** Translate a dynamic key when the dictionary has it, else return the fallback. */
  tx: (key: string, fallback: string, vars?: Vars) => string;
  /** Pick the current language of a bilingual label. */
  l: (label: Bilingual) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(lang, 'app.documentTitle');
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tx: (key, fallback, vars) => (isMsgKey(key) ? translate(lang, key, vars) : fallback),
      l: (label) => label[lang],
    }),
    [lang, setLang],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
