import i18n from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../src/platform/i18n.ts';
import { setApiLanguage } from './api.ts';
import { en } from './locales/en.ts';
import { zh } from './locales/zh.ts';

/** zh-CN first (the FAQ, the bureau and most customers speak it); English second. */
export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'beian.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zh };
  }
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage can be disabled; the default applies
  }
  return 'zh';
}

function applyLang(lang: Lang) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  setApiLanguage(lang);
}

const lang = initialLang();
applyLang(lang);
void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: lang,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export { i18n };

/** The current language, a switch, and `pick` for the {zh, en} texts the domain modules carry. */
export function useLang() {
  const { i18n: inst } = useTranslation();
  const current: Lang = inst.language === 'en' ? 'en' : 'zh';
  const setLang = useCallback(
    (next: Lang) => {
      applyLang(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not persisted; the switch still applies to this page
      }
      void inst.changeLanguage(next);
    },
    [inst],
  );
  const pick = useCallback((text: LocalizedText | undefined) => (text ? text[current] : ''), [current]);
  return { lang: current, setLang, pick };
}
