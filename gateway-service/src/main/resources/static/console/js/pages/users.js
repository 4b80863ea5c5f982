import {h, fill, field, debounce} from '../dom.js';
import {t} from '../i18n.js';
import {api} from '../api.js';
import {money, dateTime} from '../format.js';
import {errorBox, loading, pagination, sortableHeader} from '../ui.js';
import {actionButtons} from './account-actions.js';

// Kept while the console is open, so that coming back from a user's ledger shows the same page of the list.
const state = {page: 1, pageSize: 20, sortField: 'created_at', sortOrder: 'descend', search: '', status: 'all'};

export async function render(main) {
    const search = h('input', {type: 'search', value: state.search, autocomplete: 'off',
        attrs: {placeholder: t('users.search.placeholder')}});
    const status = h('select', {}, ['all', 'active', 'blocked'].map((value) =>
        h('option', {value, text: t(`users.status.${value}`), selected: state.status === value})));
    const results = h('div', {class: 'results'});
    let controller = null;

    const load = async () => {
        controller?.abort();
        controller = new AbortController();
        const query = new URLSearchParams({page: state.page, pageSize: state.pageSize, sortField: state.sortField,
            sortOrder: state.sortOrder});
        if (state.search) query.set('search', state.search);
        query.set('deleted', state.status === 'all' ? 'all' : String(state.status === 'blocked'));
        fill(results, loading());
        results.setAttribute('aria-busy', 'true');
        try {
            const answer = await api(`/api/v1/users?${query}`, {signal: controller.signal});
            fill(results, table(answer));
            // Which search the rows answer, for people (the list is replaced as one types) and for tests.
            results.dataset.search = state.search;
        } catch (error) {
            if (error.name !== 'AbortError') fill(results, errorBox(error, load));
        } finally {
            results.removeAttribute('aria-busy');
        }
    };

    const table = (answer) => {
        const sort = {field: state.sortField, order: state.sortOrder};
        const onSort = (sortField, sortOrder) => {
            Object.assign(state, {sortField, sortOrder, page: 1});
            load();
        };
        if (answer.users.length === 0) {
            return h('p', {class: 'empty', text: state.search || state.status !== 'all'
                ? t('users.empty.filtered') : t('users.empty.none')});
        }
        return [
            h('div', {class: 'table-wrap'}, h('table', {class: 'data users-table'},
                h('caption', {class: 'visually-hidden', text: t('users.caption')}),
                h('thead', {}, h('tr', {},
                    sortableHeader(t('users.column.name'), 'name', sort, onSort),
                    sortableHeader(t('users.column.email'), 'email', sort, onSort),
                    sortableHeader(t('users.column.role'), 'role', sort, onSort),
                    sortableHeader(t('users.column.balance'), 'balance', sort, onSort, 'num'),
                    h('th', {scope: 'col', text: t('users.column.plan')}),
                    h('th', {scope: 'col', text: t('users.column.status')}),
                    sortableHeader(t('users.column.created'), 'created_at', sort, onSort),
                    h('th', {scope: 'col', text: t('users.column.actions')}))),
                h('tbody', {}, answer.users.map((user) => h('tr', {dataset: {userId: user.id},
                    class: user.deleted ? 'blocked' : ''},
                h('th', {scope: 'row'}, h('span', {text: user.name || '–'}),
                    h('span', {class: 'sub', text: user.id})),
                h('td', {text: user.email || '–'}),
                h('td', {text: user.role || '–'}),
                h('td', {class: 'num balance', text: money(user.balance)}),
                h('td', {class: 'plan'}, user.plan
                    ? [h('span', {text: user.plan}),
                        h('span', {class: 'sub', text: t(`users.plan.source.${user.plan_source}`)})]
                    : h('span', {class: 'sub', text: t('users.plan.none')})),
                h('td', {}, h('span', {class: ['badge', user.deleted ? 'badge-bad' : 'badge-ok'],
                    text: t(user.deleted ? 'users.state.blocked' : 'users.state.active')})),
                h('td', {text: dateTime(user.created_at)}),
                h('td', {}, actionButtons(user, load))))))),
            pagination({page: answer.page ?? state.page, pageSize: state.pageSize, total: answer.total,
                unit: t('users.unit'),
                onPage: (page) => { state.page = page; load(); },
                onPageSize: (size) => { Object.assign(state, {pageSize: size, page: 1}); load(); }}),
        ];
    };

    search.addEventListener('input', debounce(() => {
        Object.assign(state, {search: search.value.trim(), page: 1});
        load();
    }, 300));
    status.addEventListener('change', () => {
        Object.assign(state, {status: status.value, page: 1});
        load();
    });

    fill(main,
        h('div', {class: 'page-head'}, h('h1', {text: t('users.title')}),
            h('p', {class: 'hint', text: t('users.intro')})),
        h('div', {class: 'toolbar', attrs: {role: 'search'}},
            field(t('users.search.label'), search, {inline: true}),
            field(t('users.status.label'), status, {inline: true})),
        results);
    await load();
    return () => controller?.abort();
}
