// zh-CN by default; the choice of language persists in localStorage. Every string the console
// shows comes from locales/*.json (tests/unit/i18n.test.js fails on a missing key).
import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';

export const LOCALES = ['zh-CN', 'en'];
const STORAGE_KEY = 'ordo.locale';

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return LOCALES.includes(saved) ? saved : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale) {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page only.
  }
}

// The message for an API error: its stable code translated, else the server's own words.
export function errorText(error) {
  const t = i18n.global.t;
  const te = i18n.global.te;
  const key = `errors.${error?.code}`;
  const base = te(key) ? t(key) : error?.detail || error?.title || String(error?.message || error);
  const fields = (error?.errors || [])
    .map((e) => `${e.field}: ${te(`errors.${e.code}`) ? t(`errors.${e.code}`) : e.message || e.code}`)
    .join('; ');
  return fields ? `${base} (${fields})` : base;
}
