import {h, fill} from '../dom.js';
import {t} from '../i18n.js';
import {api} from '../api.js';
import {money, number, signedMoney, dateTime} from '../format.js';
import {errorBox, loading, pagination} from '../ui.js';
import {actionButtons} from './account-actions.js';

// One user: the account summary with its actions, and the ledger, newest first. Every balance change is an
// entry, so the admin can answer "where did my money go" line by line.

export async function render(main, {userId}) {
    const summary = h('section', {class: 'card', attrs: {'aria-labelledby': 'account-title'}});
    const planStatus = h('section', {class: 'card plan-status', attrs: {'aria-label': t('ledger.plan')}});
    const entries = h('section', {class: 'ledger', attrs: {'aria-labelledby': 'ledger-title'}});
    const paging = {page: 1, pageSize: 20};
    const path = `/api/v1/users/${encodeURIComponent(userId)}`;

    const loadUser = async () => {
        try {
            const user = await api(path);
            fill(summary, account(user));
        } catch (error) {
            fill(summary, errorBox(error, loadUser));
        }
    };
    const loadLedger = async () => {
        fill(entries, h('h2', {id: 'ledger-title', text: t('ledger.title')}), loading());
        try {
            const page = await api(`${path}/ledger?page=${paging.page}&pageSize=${paging.pageSize}`);
            fill(entries, h('h2', {id: 'ledger-title', text: t('ledger.title')}), ledgerTable(page));
        } catch (error) {
            fill(entries, h('h2', {id: 'ledger-title', text: t('ledger.title')}), errorBox(error, loadLedger));
        }
    };
    const loadPlan = async () => {
        try {
            fill(planStatus, planFacts(await api(`${path}/plan`)));
        } catch (error) {
            fill(planStatus, errorBox(error, loadPlan));
        }
    };
    const refresh = () => Promise.all([loadUser(), loadPlan(), loadLedger()]);

    const account = (user) => [
        h('h1', {id: 'account-title', text: user.name || user.email || user.id}),
        h('dl', {class: 'facts'},
            fact(t('users.column.email'), user.email || '–'),
            fact(t('ledger.userId'), user.id),
            fact(t('users.column.role'), user.role || '–'),
            fact(t('users.column.balance'), money(user.balance), 'balance'),
            fact(t('users.column.status'), t(user.deleted ? 'users.state.blocked' : 'users.state.active')),
            fact(t('users.column.created'), dateTime(user.created_at))),
        actionButtons(user, refresh, {withLedger: false}),
    ];

    const ledgerTable = (page) => {
        if (page.entries.length === 0) return h('p', {class: 'empty', text: t('ledger.empty')});
        return [
            h('div', {class: 'table-wrap'}, h('table', {class: 'data ledger-table'},
                h('caption', {class: 'visually-hidden', text: t('ledger.caption')}),
                h('thead', {}, h('tr', {}, ['time', 'amount', 'balanceAfter', 'reason', 'note', 'actor', 'cause']
                    .map((key) => h('th', {scope: 'col', class: ['amount', 'balanceAfter'].includes(key) ? 'num' : '',
                        text: t(`ledger.column.${key}`)})))),
                h('tbody', {}, page.entries.map((entry) => h('tr', {dataset: {entryId: entry.id}},
                    h('td', {text: dateTime(entry.created_at)}),
                    h('td', {class: ['num', Number(entry.amount) < 0 ? 'negative' : 'positive'],
                        text: signedMoney(entry.amount)}),
                    h('td', {class: 'num', text: money(entry.balance_after)}),
                    h('td', {text: t(`ledger.reason.${entry.reason}`)}),
                    h('td', {class: 'note', text: entry.note || ''}),
                    h('td', {text: entry.actor || ''}),
                    h('td', {}, h('code', {class: 'cause', text: entry.cause || ''}))))))),
            pagination({page: paging.page, pageSize: paging.pageSize, total: page.total, unit: t('ledger.unit'),
                onPage: (p) => { paging.page = p; loadLedger(); },
                onPageSize: (size) => { Object.assign(paging, {pageSize: size, page: 1}); loadLedger(); }}),
        ];
    };

    fill(main, h('p', {}, h('a', {href: '#/users', text: t('ledger.back')})), summary, planStatus, entries);
    fill(summary, loading());
    await refresh();
}

/** The plan that applies, its period, what was spent in it and how much of each limit is used. */
function planFacts(status) {
    if (!status.plan) return h('dl', {class: 'facts'}, fact(t('ledger.plan'), t('ledger.plan.none')));
    return h('dl', {class: 'facts'},
        fact(t('ledger.plan'), `${status.plan} (${t(`users.plan.source.${status.source}`)}${status.group
            ? `: ${status.group}` : ''})`, 'plan-name'),
        fact(t('ledger.plan.period', {period: status.period, renews: dateTime(status.renewsAt)}),
            t(status.granted ? 'ledger.plan.granted' : 'ledger.plan.notGranted')),
        fact(t('ledger.plan.spent'), money(status.spent), 'plan-spent'),
        status.spendCap ? fact(t('ledger.plan.spendCap'), t('ledger.plan.spendCapUse', {spent:
            money(status.spendCap.spent), amount: money(status.spendCap.amount),
            period: t(`plans.period.${status.spendCap.period}`)})) : null,
        status.messageLimit ? fact(t('ledger.plan.messageLimit'), t('ledger.plan.messageLimitUse', {used:
            number(status.messageLimit.used), count: number(status.messageLimit.count),
            window: t(`plans.period.${status.messageLimit.window}`)}), 'plan-messages') : null);
}

function fact(label, value, className) {
    return h('div', {class: className}, h('dt', {text: label}), h('dd', {text: value}));
}
