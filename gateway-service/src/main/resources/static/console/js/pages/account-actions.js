import {h, field} from '../dom.js';
import {t} from '../i18n.js';
import {api, idempotencyKey} from '../api.js';
import {parseDecimal} from '../decimal.js';
import {money, signedMoney} from '../format.js';
import {formDialog, toast} from '../ui.js';

// The balance and blocking actions, shared by the users list and a user's ledger page.

const ACTOR = 'admin-console';

function displayName(user) {
    return user.name || user.email || user.id;
}

/** Top-up (or, negative, a deduction) with a note. */
export function topUp(user, onDone) {
    // One key per dialog: a double click or a retry after a network error is applied once by billing, while the
    // next top-up (a new dialog) is a new change.
    const key = idempotencyKey();
    const amount = h('input', {type: 'text', name: 'amount', inputMode: 'decimal', autocomplete: 'off', required: true});
    const note = h('input', {type: 'text', name: 'note', maxLength: 500, autocomplete: 'off'});
    const amountField = field(t('users.topUp.amount'), amount, {hint: t('users.topUp.amountHint')});
    formDialog({
        title: t('users.topUp.title', {name: displayName(user)}),
        submitLabel: t('users.topUp.submit'),
        build: (form) => form.append(
            h('p', {class: 'hint', text: t('users.currentBalance', {balance: money(user.balance)})}),
            amountField, field(t('users.topUp.note'), note, {hint: t('users.topUp.noteHint')})),
        submit: async () => {
            const value = parseDecimal(amount.value);
            if (!value || Number(value.text) === 0) {
                amountField.setError(t('validation.nonZeroAmount'));
                amount.focus();
                throw new Error(t('validation.fix'));
            }
            amountField.setError('');
            const body = {amount: value};
            if (note.value.trim()) body.note = note.value.trim();
            const change = await api(`/api/v1/users/${encodeURIComponent(user.id)}/adjustments`, {
                method: 'POST', body, headers: {'Idempotency-Key': key, 'X-Owm-Actor': ACTOR},
            });
            toast(t('users.topUp.done', {amount: signedMoney(change.amount), name: displayName(user),
                balance: money(change.balance_after)}));
            onDone(change.user);
        },
    });
}

export function setBalance(user, onDone) {
    const key = idempotencyKey();
    const balance = h('input', {type: 'text', name: 'balance', inputMode: 'decimal', autocomplete: 'off',
        value: String(user.balance ?? '')});
    const balanceField = field(t('users.setBalance.balance'), balance, {hint: t('users.setBalance.hint')});
    formDialog({
        title: t('users.setBalance.title', {name: displayName(user)}),
        submitLabel: t('users.setBalance.submit'),
        build: (form) => form.append(balanceField),
        submit: async () => {
            const value = parseDecimal(balance.value);
            if (!value) {
                balanceField.setError(t('validation.decimal'));
                balance.focus();
                throw new Error(t('validation.fix'));
            }
            const updated = await api(`/api/v1/users/${encodeURIComponent(user.id)}/balance`, {
                method: 'PUT', body: {balance: value}, headers: {'Idempotency-Key': key, 'X-Owm-Actor': ACTOR},
            });
            toast(t('users.setBalance.done', {name: displayName(user), balance: money(updated.balance)}));
            onDone(updated);
        },
    });
}

/** Blocking asks first (the user's next chat is refused); restoring does not need to. */
export function toggleBlocked(user, onDone) {
    const block = !user.deleted;
    const run = async () => {
        const path = `/api/v1/users/${encodeURIComponent(user.id)}`;
        const updated = block
            ? await api(path, {method: 'DELETE', headers: {'X-Owm-Actor': ACTOR}})
            : await api(path, {method: 'PATCH', body: {deleted: false}, headers: {'X-Owm-Actor': ACTOR}});
        toast(t(block ? 'users.block.done' : 'users.restore.done', {name: displayName(user)}));
        onDone(updated);
    };
    if (!block) {
        return run().catch((error) => toast(error.message, 'error'));
    }
    formDialog({
        title: t('users.block.title', {name: displayName(user)}),
        submitLabel: t('users.block.submit'),
        danger: true,
        build: (form) => form.append(h('p', {text: t('users.block.explain')})),
        submit: run,
    });
    return undefined;
}

/** The user's own plan, which comes before the plans of its groups and role and the default. */
export async function choosePlan(user, onDone) {
    let plans;
    try {
        plans = (await api('/api/v1/plans')).plans;
    } catch (error) {
        toast(error.message, 'error');
        return;
    }
    const own = user.plan_source === 'user' ? user.plan : null;
    const select = h('select', {name: 'plan'},
        h('option', {value: '', text: t('users.plan.inherit'), selected: !own}),
        plans.map((plan) => h('option', {value: plan.name, text: plan.name, selected: plan.name === own})));
    formDialog({
        title: t('users.plan.title', {name: displayName(user)}),
        submitLabel: t('users.plan.submit'),
        build: (form) => form.append(field(t('users.plan.label'), select, {hint: t('users.plan.hint')})),
        submit: async () => {
            const plan = select.value || null;
            await api(`/api/v1/users/${encodeURIComponent(user.id)}/plan`, {method: 'PUT', body: {plan}});
            toast(plan ? t('users.plan.done', {name: displayName(user), plan})
                : t('users.plan.cleared', {name: displayName(user)}));
            onDone();
        },
    });
}

export function actionButtons(user, refresh, {withLedger = true} = {}) {
    const label = displayName(user);
    return h('div', {class: 'row-actions'},
        h('button', {type: 'button', text: t('users.action.topUp'), dataset: {action: 'top-up'},
            attrs: {'aria-label': t('users.action.topUpOf', {name: label})}, on: {click: () => topUp(user, refresh)}}),
        h('button', {type: 'button', text: t('users.action.setBalance'), dataset: {action: 'set-balance'},
            attrs: {'aria-label': t('users.action.setBalanceOf', {name: label})},
            on: {click: () => setBalance(user, refresh)}}),
        h('button', {type: 'button', text: t('users.action.plan'), dataset: {action: 'plan'},
            attrs: {'aria-label': t('users.action.planOf', {name: label})},
            on: {click: () => choosePlan(user, refresh)}}),
        h('button', {type: 'button', class: user.deleted ? '' : 'danger-outline',
            text: t(user.deleted ? 'users.action.restore' : 'users.action.block'),
            dataset: {action: user.deleted ? 'restore' : 'block'},
            attrs: {'aria-label': t(user.deleted ? 'users.action.restoreOf' : 'users.action.blockOf', {name: label})},
            on: {click: () => toggleBlocked(user, refresh)}}),
        withLedger ? h('a', {class: 'button', href: `#/users/${encodeURIComponent(user.id)}`,
            text: t('users.action.ledger'), dataset: {action: 'ledger'},
            attrs: {'aria-label': t('users.action.ledgerOf', {name: label})}}) : null);
}
