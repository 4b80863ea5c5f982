// Every text the console shows comes from a locale file in ./i18n/ (English first). Adding a language is adding
// a file with the same keys and an entry in LOCALES; missing keys fall back to English.
import en from './i18n/en.js';

export const LOCALES = {en: 'English'};

let texts = en;
let locale = 'en';

export async function loadLocale(preferred) {
    const wanted = [preferred, ...(navigator.languages || [])]
        .filter(Boolean).map((tag) => tag.toLowerCase().split('-')[0]);
    const chosen = wanted.find((tag) => tag in LOCALES) || 'en';
    if (chosen !== 'en') {
        const module = await import(`./i18n/${chosen}.js`);
        texts = {...en, ...module.default};
    }
    locale = chosen;
    document.documentElement.lang = chosen;
}

export function currentLocale() {
    return locale;
}

/** t('users.total', {count: 3}) -> the text with {count} replaced. An unknown key shows itself, never nothing. */
export function t(key, params = {}) {
    const text = texts[key] ?? en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
