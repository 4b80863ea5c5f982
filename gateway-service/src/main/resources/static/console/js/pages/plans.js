import {h, fill, field} from '../dom.js';
import {t} from '../i18n.js';
import {api} from '../api.js';
import {parseDecimal} from '../decimal.js';
import {money, number} from '../format.js';
import {errorBox, formDialog, loading, toast} from '../ui.js';

// Plans (docs/allowances.md): the list with its editor, and who gets which plan: OpenWebUI groups, roles and the
// default. Billing decides; this page only shows and sends what the admin chose, and shows refusals at their field.

const PERIODS = ['day', 'week', 'month'];
const MODES = ['reset', 'add', 'top-up'];
const WINDOWS = ['hour', 'day'];
const ROLES = ['user', 'admin', 'pending'];

export async function render(main) {
    const list = h('section', {class: 'card', attrs: {'aria-labelledby': 'plans-list-title'}});
    const who = h('section', {class: 'card', attrs: {'aria-labelledby': 'plans-assign-title'}});

    const load = async () => {
        fill(list, loading());
        try {
            const [plans, groups] = await Promise.all([api('/api/v1/plans'), groupsOrNone()]);
            fill(list, planList(plans.plans));
            fill(who, assignments(plans, groups));
        } catch (error) {
            fill(list, errorBox(error, load));
        }
    };

    const planList = (plans) => [
        h('div', {class: 'section-head'},
            h('h2', {id: 'plans-list-title', text: t('plans.list.title')}),
            h('button', {type: 'button', class: 'primary', text: t('plans.new'), dataset: {action: 'new-plan'},
                on: {click: () => editPlan(null, load)}})),
        plans.length === 0 ? h('p', {class: 'empty', text: t('plans.empty')}) : h('div', {class: 'table-wrap'},
            h('table', {class: 'data plans-table'},
                h('caption', {class: 'visually-hidden', text: t('plans.caption')}),
                h('thead', {}, h('tr', {}, ['name', 'allowance', 'timezone', 'spendCap', 'messageLimit',
                    'lowBalance', 'actions'].map((key) => h('th', {scope: 'col', text: t(`plans.column.${key}`)})))),
                h('tbody', {}, plans.map((plan) => h('tr', {dataset: {plan: plan.name}},
                    h('th', {scope: 'row', text: plan.name}),
                    h('td', {class: 'allowance', text: t(`plans.allowance.${plan.mode}`, {amount: money(plan.amount),
                        period: t(`plans.period.${plan.period}`)})}),
                    h('td', {text: plan.timezone}),
                    h('td', {text: plan.spendCap ? t('plans.spendCap.value', {amount: money(plan.spendCap.amount),
                        period: t(`plans.period.${plan.spendCap.period}`)}) : t('plans.none')}),
                    h('td', {text: plan.messageLimit ? t('plans.messageLimit.value', {count:
                        number(plan.messageLimit.count), window: t(`plans.period.${plan.messageLimit.window}`)})
                        : t('plans.none')}),
                    h('td', {text: plan.lowBalanceThreshold === null || plan.lowBalanceThreshold === undefined
                        ? t('plans.lowBalance.global') : money(plan.lowBalanceThreshold)}),
                    h('td', {}, h('div', {class: 'row-actions'},
                        h('button', {type: 'button', text: t('plans.action.edit'), dataset: {action: 'edit'},
                            attrs: {'aria-label': t('plans.action.editOf', {name: plan.name})},
                            on: {click: () => editPlan(plan, load)}}),
                        h('button', {type: 'button', text: t('plans.action.grant'), dataset: {action: 'grant'},
                            attrs: {'aria-label': t('plans.action.grantOf', {name: plan.name})},
                            on: {click: () => grantPeriod(plan)}}),
                        h('button', {type: 'button', class: 'danger-outline', text: t('plans.action.delete'),
                            dataset: {action: 'delete'},
                            attrs: {'aria-label': t('plans.action.deleteOf', {name: plan.name})},
                            on: {click: () => deletePlan(plan, load)}})))))))),
    ];

    const assignments = (plans, groups) => {
        const names = plans.plans.map((plan) => plan.name);
        const chosen = plans.assignments;
        const select = (value, label) => h('select', {attrs: {'aria-label': label}},
            h('option', {value: '', text: t('plans.assign.nothing'), selected: !value}),
            names.map((name) => h('option', {value: name, text: name, selected: value === name})));
        const defaultSelect = select(chosen.default, t('plans.assign.default'));
        defaultSelect.name = 'default';
        const roleSelects = ROLES.map((role) => {
            const control = select(chosen.roles?.[role], t('plans.assign.roleOf', {role: t(`plans.role.${role}`)}));
            control.dataset.role = role;
            return control;
        });
        // Groups assigned but no longer synced stay listed, so that saving does not drop them unseen.
        const groupNames = [...new Set([...(groups?.map((group) => group.name) || []),
            ...Object.keys(chosen.groups || {})])].sort((a, b) => a.localeCompare(b));
        const members = Object.fromEntries((groups || []).map((group) => [group.name, group.members]));
        const groupSelects = groupNames.map((group) => {
            const control = select(chosen.groups?.[group], t('plans.assign.groupOf', {group}));
            control.dataset.group = group;
            return control;
        });
        const status = h('div', {attrs: {'aria-live': 'polite'}});
        const save = h('button', {type: 'submit', class: 'primary', text: t('plans.assign.save')});
        const form = h('form', {class: 'assignments', noValidate: true, on: {submit: async (event) => {
            event.preventDefault();
            save.disabled = true;
            fill(status);
            const body = {default: defaultSelect.value || null, roles: {}, groups: {}};
            roleSelects.forEach((control) => { if (control.value) body.roles[control.dataset.role] = control.value; });
            groupSelects.forEach((control) => { if (control.value) body.groups[control.dataset.group] = control.value; });
            try {
                await api('/api/v1/plans/assignments', {method: 'PUT', body});
                toast(t('plans.assign.saved'));
                await load();
            } catch (error) {
                fill(status, errorBox(error));
            } finally {
                save.disabled = false;
            }
        }}},
        h('p', {class: 'hint', text: t('plans.assign.precedence')}),
        field(t('plans.assign.default'), defaultSelect, {hint: t('plans.assign.defaultHint')}),
        h('fieldset', {}, h('legend', {text: t('plans.assign.roles')}),
            roleSelects.map((control) => field(t(`plans.role.${control.dataset.role}`), control, {inline: true}))),
        h('fieldset', {class: 'groups'}, h('legend', {text: t('plans.assign.groups')}),
            groups === null ? h('p', {class: 'hint', text: t('plans.groups.unavailable')})
                : groupNames.length === 0 ? h('p', {class: 'hint', text: t('plans.groups.none')}) : null,
            groupSelects.map((control) => field(t('plans.groups.label', {group: control.dataset.group,
                members: number(members[control.dataset.group] ?? 0)}), control, {inline: true})),
            h('button', {type: 'button', text: t('plans.groups.sync'), dataset: {action: 'sync-groups'},
                on: {click: (event) => syncGroups(event.target, load)}})),
        status, save);
        return [h('h2', {id: 'plans-assign-title', text: t('plans.assign.title')}), form];
    };

    fill(main,
        h('div', {class: 'page-head'}, h('h1', {text: t('plans.title')}),
            h('p', {class: 'hint', text: t('plans.intro')})),
        list, who);
    await load();
}

/** OpenWebUI's groups as last synced, or null when the catalog cannot say (the page still works without). */
async function groupsOrNone() {
    try {
        return (await api('/api/v1/groups')).groups;
    } catch (error) {
        return null;
    }
}

async function syncGroups(button, reload) {
    button.disabled = true;
    try {
        const result = await api('/api/v1/groups/sync', {method: 'POST'});
        toast(t('plans.groups.synced', {groups: number(result.groups), members: number(result.members),
            changed: number(result.changed)}));
        await reload();
    } catch (error) {
        toast(error.message, 'error');
    } finally {
        button.disabled = false;
    }
}

function editPlan(plan, onDone) {
    const input = (name, value, props = {}) => h('input', {type: 'text', name, value: value ?? '', autocomplete: 'off',
        ...props});
    const choice = (name, values, value, prefix) => h('select', {name},
        values.map((v) => h('option', {value: v, text: t(`${prefix}.${v}`), selected: v === value})));
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const controls = {
        name: input('name', plan?.name, {disabled: Boolean(plan), maxLength: 64, spellcheck: false}),
        amount: input('amount', plan?.amount, {inputMode: 'decimal'}),
        period: choice('period', PERIODS, plan?.period ?? 'month', 'plans.period'),
        mode: choice('mode', MODES, plan?.mode ?? 'reset', 'plans.mode'),
        timezone: input('timezone', plan?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
            {attrs: {list: 'owm-time-zones'}, spellcheck: false}),
        spendCapAmount: input('spendCap.amount', plan?.spendCap?.amount, {inputMode: 'decimal'}),
        spendCapPeriod: choice('spendCap.period', PERIODS, plan?.spendCap?.period ?? 'day', 'plans.period'),
        messageLimitCount: input('messageLimit.count', plan?.messageLimit?.count, {inputMode: 'numeric'}),
        messageLimitWindow: choice('messageLimit.window', WINDOWS, plan?.messageLimit?.window ?? 'day',
            'plans.period'),
        lowBalanceThreshold: input('lowBalanceThreshold', plan?.lowBalanceThreshold, {inputMode: 'decimal'}),
    };
    const fields = {
        name: field(t('plans.field.name'), controls.name, {hint: t('plans.field.nameHint')}),
        amount: field(t('plans.field.amount'), controls.amount),
        period: field(t('plans.field.period'), controls.period),
        mode: field(t('plans.field.mode'), controls.mode, {hint: t('plans.field.modeHint')}),
        timezone: field(t('plans.field.timezone'), controls.timezone),
        'spendCap.amount': field(t('plans.field.spendCap'), controls.spendCapAmount,
            {hint: t('plans.field.optional')}),
        'spendCap.period': field(t('plans.field.spendCapPeriod'), controls.spendCapPeriod),
        'messageLimit.count': field(t('plans.field.messageLimit'), controls.messageLimitCount,
            {hint: t('plans.field.optional')}),
        'messageLimit.window': field(t('plans.field.messageLimitWindow'), controls.messageLimitWindow),
        lowBalanceThreshold: field(t('plans.field.lowBalance'), controls.lowBalanceThreshold,
            {hint: t('plans.field.lowBalanceHint')}),
    };
    const showError = (parameter, message) => {
        const key = fields[parameter] ? parameter : Object.keys(fields).find((k) => parameter?.startsWith(k));
        Object.values(fields).forEach((f) => f.setError(''));
        if (key) fields[key].setError(message);
    };
    const decimalOrFail = (key, control, optional) => {
        if (optional && !control.value.trim()) return null;
        const value = parseDecimal(control.value);
        if (!value || value.text.startsWith('-')) {
            showError(key, t('validation.notNegative'));
            control.focus();
            throw new Error(t('validation.fix'));
        }
        return value;
    };
    formDialog({
        title: plan ? t('plans.edit.title', {name: plan.name}) : t('plans.new.title'),
        submitLabel: t('plans.edit.submit'),
        build: (form) => form.append(
            h('datalist', {id: 'owm-time-zones'}, zones.map((zone) => h('option', {value: zone}))),
            ...Object.values(fields)),
        submit: async () => {
            const name = controls.name.value.trim();
            if (!name) {
                showError('name', t('plans.field.nameRequired'));
                controls.name.focus();
                throw new Error(t('validation.fix'));
            }
            const body = {
                amount: decimalOrFail('amount', controls.amount, false),
                period: controls.period.value,
                mode: controls.mode.value,
                timezone: controls.timezone.value.trim(),
            };
            const cap = decimalOrFail('spendCap.amount', controls.spendCapAmount, true);
            if (cap) body.spendCap = {amount: cap, period: controls.spendCapPeriod.value};
            const count = controls.messageLimitCount.value.trim();
            if (count) {
                if (!/^\d+$/.test(count)) {
                    showError('messageLimit.count', t('plans.field.wholeNumber'));
                    throw new Error(t('validation.fix'));
                }
                body.messageLimit = {count: Number(count), window: controls.messageLimitWindow.value};
            }
            const threshold = decimalOrFail('lowBalanceThreshold', controls.lowBalanceThreshold, true);
            if (threshold) body.lowBalanceThreshold = threshold;
            try {
                await api(`/api/v1/plans/${encodeURIComponent(name)}`, {method: 'PUT', body});
            } catch (error) {
                if (error.parameter) showError(error.parameter, error.message);
                throw error;
            }
            toast(t('plans.edit.done', {name}));
            await onDone();
        },
    });
}

function grantPeriod(plan) {
    const period = h('input', {type: 'text', name: 'period', autocomplete: 'off', spellcheck: false,
        attrs: {placeholder: t(`plans.grant.example.${plan.period}`)}});
    const periodField = field(t('plans.grant.period'), period, {hint: t('plans.grant.hint')});
    formDialog({
        title: t('plans.grant.title', {name: plan.name}),
        submitLabel: t('plans.grant.submit'),
        build: (form) => form.append(periodField),
        submit: async () => {
            try {
                const result = await api(`/api/v1/plans/${encodeURIComponent(plan.name)}/grants`, {method: 'POST',
                    body: {period: period.value.trim()}});
                toast(t('plans.grant.done', {count: number(result.granted), period: result.period}));
            } catch (error) {
                periodField.setError(error.message);
                throw error;
            }
        },
    });
}

function deletePlan(plan, onDone) {
    formDialog({
        title: t('plans.delete.title', {name: plan.name}),
        submitLabel: t('plans.delete.submit'),
        danger: true,
        build: (form) => form.append(h('p', {text: t('plans.delete.explain')})),
        submit: async () => {
            await api(`/api/v1/plans/${encodeURIComponent(plan.name)}`, {method: 'DELETE'});
            toast(t('plans.delete.done', {name: plan.name}));
            await onDone();
        },
    });
}
