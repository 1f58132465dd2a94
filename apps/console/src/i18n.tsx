// The console's own small message dictionary (zh-CN and en) and the language switch, kept in
// localStorage. Ant Design's components follow the same choice through ConfigProvider's locale.
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, Key, zh } from './messages';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'cx-console.language';
const DICTIONARIES: Record<Language, Record<Key, string>> = { 'zh-CN': zh, en };
export const ANTD_LOCALES = { 'zh-CN': zhCN, en: enUS } as const;

export type Translate = (key: Key, values?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setState(next);
  }, []);
  // The page's language for screen readers and fonts, also when it comes from localStorage.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[language];
    const t: Translate = (key, values) =>
      dictionary[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`));
    return { language, setLanguage, t };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
