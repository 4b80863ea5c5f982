// Every text the console shows comes from a locale file in ./i18n/ (English first). Adding a language is adding
// a file with the same keys and an entry in LOCALES (I18nDictionariesTests fails on a key missing from one).
// The language is the one the admin chose (remembered in this browser), else the browser's, else English.
import en from './i18n/en.js';

export const LOCALES = {en: 'English', zh: '简体中文', es: 'Español'};
const CHOICE = 'owm.language';

let texts = en;
let locale = 'en';

export async function loadLocale() {
    let saved = null;
    try {
        saved = localStorage.getItem(CHOICE);
    } catch (ignored) {
        // Storage can be off (private windows, policies): the browser's languages still decide.
    }
    const wanted = [saved, ...(navigator.languages || [navigator.language])]
        .filter(Boolean).map((tag) => tag.toLowerCase().split('-')[0]);
    const chosen = wanted.find((tag) => tag in LOCALES) || 'en';
    if (chosen !== 'en') {
        const module = await import(`./i18n/${chosen}.js`);
        texts = {...en, ...module.default};
    }
    locale = chosen;
    document.documentElement.lang = chosen === 'zh' ? 'zh-CN' : chosen;
}

/** Remembers the admin's choice and shows the console again in it. */
export function chooseLocale(tag) {
    if (!(tag in LOCALES) || tag === locale) return;
    try {
        localStorage.setItem(CHOICE, tag);
    } catch (ignored) {
        // Not remembered, but still applied below for this page.
    }
    location.reload();
}

/** The BCP 47 tag for Intl: numbers, currencies and dates are formatted the way the language writes them. */
export function currentLocale() {
    return locale === 'zh' ? 'zh-CN' : locale;
}

/** t('users.total', {count: 3}) -> the text with {count} replaced. An unknown key shows itself, never nothing. */
export function t(key, params = {}) {
    const text = texts[key] ?? en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
