import {h, fill} from './dom.js';
import {t} from './i18n.js';
import {number} from './format.js';

/** A short message in the live region at the top of the page: read out by screen readers, gone after a while. */
export function toast(message, kind = 'success') {
    const region = document.getElementById('toasts');
    if (!region) return;
    const item = h('div', {class: ['toast', `toast-${kind}`], attrs: {role: kind === 'error' ? 'alert' : 'status'}},
        h('span', {text: message}),
        h('button', {class: 'link', type: 'button', text: t('action.dismiss'),
            on: {click: () => item.remove()}}));
    region.append(item);
    setTimeout(() => item.remove(), kind === 'error' ? 15_000 : 6_000);
}

export function alertBox(message, kind = 'error', ...extra) {
    return h('div', {class: ['alert', `alert-${kind}`], attrs: {role: kind === 'error' ? 'alert' : 'status'}},
        h('p', {text: message}), ...extra);
}

/** A failure in words, with the error kind for support and a way to try again: never a blank page. */
export function errorBox(error, retry) {
    const detail = error.errorType ? t('error.kind', {kind: error.errorType}) : null;
    return alertBox(error.message || String(error), 'error',
        detail ? h('p', {class: 'hint', text: detail}) : null,
        retry ? h('button', {type: 'button', text: t('action.retry'), on: {click: retry}}) : null);
}

export function loading(text = t('state.loading')) {
    return h('p', {class: 'loading', attrs: {role: 'status'}}, h('span', {class: 'spinner', attrs: {'aria-hidden': 'true'}}), text);
}

/** Previous / "Page 2 of 5 (93 in all)" / Next, and a page size choice. */
export function pagination({page, pageSize, total, onPage, onPageSize, unit}) {
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const sizes = [10, 20, 50, 100].map((size) => h('option', {value: String(size), text: String(size),
        selected: size === pageSize}));
    const sizeSelect = h('select', {on: {change: (e) => onPageSize(Number(e.target.value))},
        attrs: {'aria-label': t('pagination.pageSize')}}, sizes);
    return h('nav', {class: 'pagination', attrs: {'aria-label': t('pagination.label')}},
        h('button', {type: 'button', text: t('pagination.previous'), disabled: page <= 1,
            on: {click: () => onPage(page - 1)}}),
        h('span', {class: 'page-info', attrs: {'aria-live': 'polite'},
            text: t('pagination.info', {page, pages, total: number(total), unit})}),
        h('button', {type: 'button', text: t('pagination.next'), disabled: page >= pages,
            on: {click: () => onPage(page + 1)}}),
        h('label', {class: 'page-size'}, t('pagination.pageSize'), ' ', sizeSelect));
}

/**
 * A column header that sorts: a button inside the <th>, and aria-sort on the <th> so screen readers say which
 * column orders the table and how.
 */
export function sortableHeader(label, field, sort, onSort, className) {
    const active = sort.field === field;
    const direction = active ? sort.order : null;
    const th = h('th', {scope: 'col', class: className,
        attrs: {'aria-sort': active ? (direction === 'ascend' ? 'ascending' : 'descending') : 'none'}},
    h('button', {type: 'button', class: 'sort', dataset: {sort: field},
        on: {click: () => onSort(field, active && direction === 'descend' ? 'ascend' : 'descend')}},
    label, h('span', {class: 'sort-mark', attrs: {'aria-hidden': 'true'},
        text: active ? (direction === 'ascend' ? ' ▲' : ' ▼') : ' ↕'})));
    return th;
}

/**
 * A modal dialog with a form. `build(form)` appends the fields; `submit(form)` runs on the primary button and
 * closes the dialog when it resolves, or keeps it open with its error shown in words when it throws.
 */
export function formDialog({title, submitLabel, build, submit, danger}) {
    const errorLine = h('div', {class: 'dialog-error', attrs: {'aria-live': 'assertive'}});
    const submitButton = h('button', {type: 'submit', class: danger ? 'danger' : 'primary', text: submitLabel});
    const cancel = h('button', {type: 'button', text: t('action.cancel'), on: {click: () => dialog.close()}});
    const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
    const form = h('form', {method: 'dialog', noValidate: true});
    const dialog = h('dialog', {class: 'dialog', attrs: {'aria-labelledby': titleId}},
        h('h2', {id: titleId, text: title}), form);
    build(form);
    form.append(errorLine, h('div', {class: 'dialog-actions'}, cancel, submitButton));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        fill(errorLine);
        submitButton.disabled = true;
        submitButton.setAttribute('aria-busy', 'true');
        try {
            await submit(form);
            dialog.close();
        } catch (error) {
            fill(errorLine, alertBox(error.message || String(error)));
        } finally {
            submitButton.disabled = false;
            submitButton.removeAttribute('aria-busy');
        }
    });
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    const first = form.querySelector('input, select, textarea');
    (first || submitButton).focus();
    return dialog;
}
