import {currentLocale} from './i18n.js';

// Display only: amounts are parsed from JSON numbers, good to ~15 significant digits, far more than a balance
// needs. What the console sends back is the admin's own text, checked by decimal.js, never a reformatted float.

export function money(value) {
    if (value === null || value === undefined || value === '') return '–';
    return new Intl.NumberFormat(currentLocale(), {
        style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 6,
    }).format(Number(value));
}

export function signedMoney(value) {
    const n = Number(value);
    return (n > 0 ? '+' : '') + money(n);
}

export function number(value, maximumFractionDigits = 0) {
    if (value === null || value === undefined || value === '') return '–';
    return new Intl.NumberFormat(currentLocale(), {maximumFractionDigits}).format(Number(value));
}

/** A price as typed into a field: plain digits, no grouping, so that it can be edited and sent back as is. */
export function plainNumber(value) {
    if (value === null || value === undefined) return '';
    return String(value);
}

export function dateTime(iso) {
    if (!iso) return '–';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return new Intl.DateTimeFormat(currentLocale(), {dateStyle: 'medium', timeStyle: 'short'}).format(date);
}

export function milliseconds(ms) {
    if (ms === null || ms === undefined) return '';
    return ms < 1000 ? `${number(ms)} ms` : `${number(ms / 1000, 1)} s`;
}
