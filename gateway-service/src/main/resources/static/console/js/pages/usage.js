import {h, fill, field} from '../dom.js';
import {t} from '../i18n.js';
import {api, download} from '../api.js';
import {money, number, dateTime} from '../format.js';
import {errorBox, loading, pagination, sortableHeader, toast} from '../ui.js';

// Spend over a time range: totals and the original's summary (most used model, top spender, models used), a donut
// of models and a bar chart of users by amount or by count (each with the same numbers as a table for screen
// readers and exact values), the spend per plan, and the records behind them with filters and a CSV of exactly
// what is shown. Users are told apart by id wherever two share a name.

const PRESETS = {'24h': 1, '7d': 7, '30d': 30, '90d': 90, all: null};
const state = {preset: '30d', from: '', to: '', users: [], models: [], page: 1, pageSize: 20,
    sortField: 'use_time', sortOrder: 'descend', metric: 'cost'};
const charts = [];

export async function render(main) {
    const presetSelect = h('select', {}, [...Object.keys(PRESETS), 'custom'].map((key) =>
        h('option', {value: key, text: t(`usage.range.${key}`), selected: state.preset === key})));
    const fromInput = h('input', {type: 'datetime-local', value: state.from});
    const toInput = h('input', {type: 'datetime-local', value: state.to});
    const custom = h('div', {class: 'custom-range', hidden: state.preset !== 'custom'},
        field(t('usage.range.from'), fromInput, {inline: true}), field(t('usage.range.to'), toInput, {inline: true}),
        h('button', {type: 'button', text: t('action.apply'), on: {click: () => applyCustom()}}));
    const summary = h('section', {class: 'summary', attrs: {'aria-labelledby': 'summary-title'}});
    const chartsSection = h('section', {class: 'charts'});
    const plansSection = h('section', {class: 'plans-spend'});
    const metricSelect = h('select', {name: 'metric'}, ['cost', 'calls'].map((key) =>
        h('option', {value: key, text: t(`usage.metric.${key}`), selected: state.metric === key})));
    let lastUsage = null;
    const userFilter = h('select', {multiple: true, size: 5, dataset: {filter: 'users'}});
    const modelFilter = h('select', {multiple: true, size: 5, dataset: {filter: 'models'}});
    const recordsBody = h('div', {class: 'results'});
    const exportButton = h('button', {type: 'button', text: t('usage.export'), dataset: {action: 'export-csv'},
        on: {click: () => exportCsv()}});

    const range = () => {
        if (state.preset === 'custom') {
            return {start: state.from ? new Date(state.from).toISOString() : '',
                end: state.to ? new Date(state.to).toISOString() : ''};
        }
        const days = PRESETS[state.preset];
        return {start: days ? new Date(Date.now() - days * 86_400_000).toISOString() : '', end: ''};
    };

    const filterQuery = () => {
        const {start, end} = range();
        const query = new URLSearchParams();
        if (start) query.set('startDate', start);
        if (end) query.set('endDate', end);
        if (state.users.length) query.set('users', state.users.join(','));
        if (state.models.length) query.set('models', state.models.join(','));
        return query;
    };

    const loadSummary = async () => {
        const {start, end} = range();
        const query = new URLSearchParams();
        if (start) query.set('startTime', start);
        if (end) query.set('endTime', end);
        fill(summary, loading());
        try {
            const usage = await api(`/api/v1/panel/usage?${query}`);
            lastUsage = usage;
            drawSummary(usage);
            drawCharts(usage);
            drawPlans(usage.plans || []);
            const labels = userLabels(usage.users);
            options(userFilter, usage.users.map((u) => ({value: u.user_id || u.nickname, text: labels.get(u)})),
                state.users);
            options(modelFilter, usage.models.map((m) => ({value: m.model_name, text: m.model_name})), state.models);
        } catch (error) {
            fill(summary, errorBox(error, loadSummary));
            fill(chartsSection);
        }
    };

    const drawSummary = (usage) => {
        const spend = usage.models.reduce((sum, m) => sum + Number(m.total_cost), 0);
        const tile = (label, value, key, sub) => h('div', {class: 'tile', dataset: {total: key}},
            h('span', {class: 'tile-label', text: label}), h('span', {class: 'tile-value', text: value}),
            sub ? h('span', {class: 'tile-sub', text: sub}) : null);
        // The original's summary: the model used most often, the user who spent most, how many models were used.
        const mostUsed = [...usage.models].sort((a, b) => Number(b.total_count) - Number(a.total_count))[0];
        const topUser = usage.users[0];
        const labels = userLabels(usage.users);
        fill(summary,
            h('h2', {id: 'summary-title', class: 'visually-hidden', text: t('usage.totals')}),
            h('div', {class: 'tiles'},
                tile(t('usage.total.spend'), money(spend), 'spend'),
                tile(t('usage.total.calls'), number(usage.stats?.totalCalls ?? 0), 'calls'),
                tile(t('usage.total.tokens'), number(usage.stats?.totalTokens ?? 0), 'tokens'),
                tile(t('usage.total.users'), number(usage.users.length), 'users'),
                tile(t('usage.total.models'), number(usage.models.length), 'models'),
                tile(t('usage.total.mostUsed'), mostUsed ? mostUsed.model_name : '–', 'most-used-model',
                    mostUsed ? t('usage.callsCount', {count: number(mostUsed.total_count)}) : null),
                tile(t('usage.total.topUser'), topUser ? labels.get(topUser) : '–', 'top-user',
                    topUser ? money(topUser.total_cost) : null)),
            usage.timeRange?.minTime ? h('p', {class: 'hint', text: t('usage.dataRange', {
                from: dateTime(usage.timeRange.minTime), to: dateTime(usage.timeRange.maxTime)})}) : null);
    };

    const drawCharts = (usage) => {
        destroyCharts();
        const labels = userLabels(usage.users);
        const byMetric = (rows) => [...rows].sort((a, b) => b[state.metric] - a[state.metric]);
        fill(chartsSection,
            chartCard('models', t('usage.chart.models'), byMetric(usage.models.map((m) => ({
                label: m.model_name, cost: Number(m.total_cost), calls: Number(m.total_count)}))), state.metric),
            chartCard('users', t('usage.chart.users'), byMetric(usage.users.map((u) => ({
                label: labels.get(u), cost: Number(u.total_cost), calls: Number(u.total_count)}))).slice(0, 15),
            state.metric));
    };

    const drawPlans = (plans) => {
        if (plans.length === 0 || (plans.length === 1 && !plans[0].plan)) {
            fill(plansSection);
            return;
        }
        fill(plansSection, h('div', {class: 'card'},
            h('h2', {text: t('usage.plans.title')}),
            h('table', {class: 'data compact plans-spend-table'},
                h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: t('usage.plans.plan')}),
                    h('th', {scope: 'col', class: 'num', text: t('usage.column.calls')}),
                    h('th', {scope: 'col', class: 'num', text: t('usage.column.cost')}))),
                h('tbody', {}, plans.map((p) => h('tr', {dataset: {plan: p.plan || ''}},
                    h('th', {scope: 'row', text: p.plan || t('usage.plans.none')}),
                    h('td', {class: 'num', text: number(p.total_count)}),
                    h('td', {class: 'num', text: money(p.total_cost)})))))));
    };

    const loadRecords = async () => {
        const query = filterQuery();
        query.set('page', state.page);
        query.set('pageSize', state.pageSize);
        query.set('sortField', state.sortField);
        query.set('sortOrder', state.sortOrder);
        fill(recordsBody, loading());
        try {
            const answer = await api(`/api/v1/panel/records?${query}`);
            fill(recordsBody, recordsTable(answer));
        } catch (error) {
            fill(recordsBody, errorBox(error, loadRecords));
        }
    };

    const recordsTable = (answer) => {
        if (answer.records.length === 0) return h('p', {class: 'empty', text: t('usage.records.empty')});
        const sort = {field: state.sortField, order: state.sortOrder};
        const onSort = (sortField, sortOrder) => {
            Object.assign(state, {sortField, sortOrder, page: 1});
            loadRecords();
        };
        const column = (key, sortable, className) => (sortable
            ? sortableHeader(t(`usage.column.${key}`), sortable, sort, onSort, className)
            : h('th', {scope: 'col', class: className, text: t(`usage.column.${key}`)}));
        return [
            h('div', {class: 'table-wrap'}, h('table', {class: 'data records-table'},
                h('caption', {class: 'visually-hidden', text: t('usage.records.caption')}),
                h('thead', {}, h('tr', {},
                    column('time', 'use_time'), column('user', 'nickname'), column('model', 'model_name'),
                    column('input', 'input_tokens', 'num'), column('output', 'output_tokens', 'num'),
                    column('cost', 'cost', 'num'), column('balance', 'balance_after', 'num'))),
                h('tbody', {}, answer.records.map((r) => h('tr', {},
                    h('td', {text: dateTime(r.use_time)}),
                    h('td', {}, h('span', {text: r.nickname || '–'}), h('span', {class: 'sub', text: r.user_id})),
                    h('td', {}, h('code', {text: r.model_name})),
                    h('td', {class: 'num', text: number(r.input_tokens)}),
                    h('td', {class: 'num', text: number(r.output_tokens)}),
                    h('td', {class: 'num', text: money(r.cost)}),
                    h('td', {class: 'num', text: money(r.balance_after)})))))),
            pagination({page: state.page, pageSize: state.pageSize, total: answer.total, unit: t('usage.records.unit'),
                onPage: (p) => { state.page = p; loadRecords(); },
                onPageSize: (size) => { Object.assign(state, {pageSize: size, page: 1}); loadRecords(); }}),
        ];
    };

    async function exportCsv() {
        exportButton.disabled = true;
        try {
            const response = await api(`/api/v1/panel/records/export?${filterQuery()}`,
                {raw: true, headers: {Accept: 'text/csv'}});
            const saved = await download(response, `usage-records-${new Date().toISOString().slice(0, 10)}.csv`);
            toast(t('usage.exported', {name: saved.name}));
        } catch (error) {
            toast(error.message, 'error');
        } finally {
            exportButton.disabled = false;
        }
    }

    const reloadAll = () => {
        state.page = 1;
        return Promise.all([loadSummary(), loadRecords()]);
    };
    function applyCustom() {
        state.from = fromInput.value;
        state.to = toInput.value;
        if (state.from && state.to && state.from >= state.to) {
            toast(t('usage.range.invalid'), 'error');
            return;
        }
        reloadAll();
    }
    metricSelect.addEventListener('change', () => {
        state.metric = metricSelect.value;
        if (lastUsage) drawCharts(lastUsage);
    });
    presetSelect.addEventListener('change', () => {
        state.preset = presetSelect.value;
        custom.hidden = state.preset !== 'custom';
        if (state.preset !== 'custom') reloadAll();
    });
    const applyFilters = () => {
        state.users = [...userFilter.selectedOptions].map((o) => o.value);
        state.models = [...modelFilter.selectedOptions].map((o) => o.value);
        state.page = 1;
        loadRecords();
    };

    fill(main,
        h('div', {class: 'page-head'}, h('h1', {text: t('usage.title')})),
        h('div', {class: 'toolbar'}, field(t('usage.range.label'), presetSelect, {inline: true}), custom,
            field(t('usage.metric.label'), metricSelect, {inline: true})),
        summary, chartsSection, plansSection,
        h('section', {class: 'records', attrs: {'aria-labelledby': 'records-title'}},
            h('h2', {id: 'records-title', text: t('usage.records.title')}),
            h('div', {class: 'toolbar filters'},
                field(t('usage.filter.users'), userFilter, {hint: t('usage.filter.hint')}),
                field(t('usage.filter.models'), modelFilter, {hint: t('usage.filter.hint')}),
                h('div', {class: 'toolbar-actions'},
                    h('button', {type: 'button', class: 'primary', text: t('usage.filter.apply'),
                        dataset: {action: 'apply-filters'}, on: {click: applyFilters}}),
                    h('button', {type: 'button', text: t('usage.filter.clear'), on: {click: () => {
                        [...userFilter.options, ...modelFilter.options].forEach((o) => { o.selected = false; });
                        applyFilters();
                    }}}),
                    exportButton)),
            recordsBody));
    await reloadAll();
    return destroyCharts;
}

/** Each user's label: the name, with the id added where another user of the range has the same name. */
function userLabels(users) {
    const named = new Map();
    users.forEach((u) => named.set(u.nickname, (named.get(u.nickname) || 0) + 1));
    return new Map(users.map((u) => [u, (named.get(u.nickname) > 1 || !u.nickname) && u.user_id
        ? `${u.nickname || '?'} (${u.user_id})` : (u.nickname || u.user_id || '?')]));
}

/** Fills a filter with {value, text} choices, keeping what was selected even when the range no longer holds it. */
function options(select, choices, selected) {
    const unique = new Map();
    choices.filter((c) => c.value).forEach((c) => unique.set(c.value, c.text));
    for (const value of selected) if (!unique.has(value)) unique.set(value, value);
    const sorted = [...unique.entries()].sort((a, b) => a[1].localeCompare(b[1]));
    fill(select, sorted.map(([value, text]) => h('option', {value, text, selected: selected.includes(value)})));
}

function destroyCharts() {
    while (charts.length) charts.pop().destroy();
}

const PALETTE = ['#2f6fba', '#3d8f6a', '#c9822b', '#8a5cb8', '#c0504d', '#4bacc6', '#9bbb59', '#7f7f7f',
    '#d4a017', '#5b9bd5'];

/**
 * Models as a donut, users as bars, of the amount or the count ({@code metric}), the other in the tooltip; the
 * same numbers as a table underneath.
 */
function chartCard(key, title, rows, metric) {
    const titleId = `chart-${key}-title`;
    const canvas = h('canvas', {attrs: {role: 'img', 'aria-labelledby': titleId}});
    const table = h('table', {class: 'data compact'},
        h('thead', {}, h('tr', {},
            h('th', {scope: 'col', text: t(key === 'models' ? 'usage.column.model' : 'usage.column.user')}),
            h('th', {scope: 'col', class: 'num', text: t('usage.column.calls')}),
            h('th', {scope: 'col', class: 'num', text: t('usage.column.cost')}))),
        h('tbody', {}, rows.map((r) => h('tr', {dataset: {row: r.label}},
            h('th', {scope: 'row', text: r.label}), h('td', {class: 'num', text: number(r.calls)}),
            h('td', {class: 'num', text: money(r.cost)})))));
    const card = h('figure', {class: 'card chart-card', dataset: {chart: key}},
        h('figcaption', {}, h('h2', {id: titleId, text: title})),
        rows.length === 0 ? h('p', {class: 'empty', text: t('usage.noData')}) : h('div', {class: 'chart-box'}, canvas),
        rows.length === 0 ? null : h('details', {}, h('summary', {text: t('usage.asTable')}), table));
    if (rows.length > 0 && window.Chart) {
        // Drawn after the card is in the page, so that Chart.js can measure its box.
        const donut = key === 'models';
        const show = (v) => (metric === 'cost' ? money(v) : number(v));
        const both = (row) => `${money(row.cost)} · ${t('usage.callsCount', {count: number(row.calls)})}`;
        requestAnimationFrame(() => charts.push(new window.Chart(canvas, {
            type: donut ? 'doughnut' : 'bar',
            data: {labels: rows.map((r) => r.label), datasets: [{label: t(`usage.metric.${metric}`),
                data: rows.map((r) => r[metric]),
                backgroundColor: donut ? rows.map((r, i) => PALETTE[i % PALETTE.length]) : '#3d8f6a'}]},
            options: {
                indexAxis: 'y', maintainAspectRatio: false, animation: false,
                plugins: {legend: {display: donut, position: 'right'},
                    tooltip: {callbacks: {label: (item) => both(rows[item.dataIndex])}}},
                scales: donut ? {} : {x: {beginAtZero: true, ticks: {callback: (v) => show(v)}}},
            },
        })));
    } else if (rows.length > 0) {
        // Chart.js did not load (blocked, or an old browser): the numbers are still there, open.
        card.querySelector('.chart-box').remove();
        card.querySelector('details').open = true;
    }
    return card;
}
