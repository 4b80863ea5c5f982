import {h, fill, field, append} from '../dom.js';
import {t} from '../i18n.js';
import {api} from '../api.js';
import {parseDecimal} from '../decimal.js';
import {dateTime, milliseconds, plainNumber} from '../format.js';
import {readEvents} from '../sse.js';
import {alertBox, errorBox, loading, sortableHeader, toast} from '../ui.js';
import {exportPrices, importPrices} from './price-file.js';

// Prices are edited in place and saved as one batch; connectivity tests run one by one or all at once, with
// each result shown as it streams in. Edits that are not saved survive reloads of the list (after a sync, say).

const PRICES = [
    {key: 'input_price', label: 'models.column.input', min: 0},
    {key: 'output_price', label: 'models.column.output', min: 0},
    // Negative means "price by tokens" (the original's -1), so any decimal is valid here.
    {key: 'per_msg_price', label: 'models.column.perMessage', min: null},
];
const TESTS_KEY = 'owm.modelTests';

/** The last test of each model in this browser session: {id: {ok, latency_ms, message, at}}. */
const lastTests = JSON.parse(sessionStorage.getItem(TESTS_KEY) || '{}');

function rememberTest(id, result) {
    lastTests[id] = {...result, at: new Date().toISOString()};
    sessionStorage.setItem(TESTS_KEY, JSON.stringify(lastTests));
}

export async function render(main) {
    let models = [];
    const drafts = new Map(); // id -> {input_price: "2.5", ...} as typed
    const rowErrors = new Map(); // id -> the API's reason a save failed
    let filter = '';
    let sort = {field: null, order: 'descend'};
    let streamController = null;

    const banner = h('div', {class: 'banner-slot'});
    const body = h('div', {class: 'results'});
    const saveButton = h('button', {type: 'button', class: 'primary', dataset: {action: 'save-prices'},
        on: {click: () => save()}});
    const discardButton = h('button', {type: 'button', text: t('models.discard'), dataset: {action: 'discard'},
        on: {click: () => { drafts.clear(); rowErrors.clear(); draw(); }}});
    const testAllButton = h('button', {type: 'button', text: t('models.testAll'), dataset: {action: 'test-all'},
        on: {click: () => testAll()}});
    const syncAllButton = h('button', {type: 'button', text: t('models.syncAll'), dataset: {action: 'sync-all'},
        on: {click: () => syncAll()}});
    const exportButton = h('button', {type: 'button', text: t('models.export'), dataset: {action: 'export-prices'},
        on: {click: () => exportPrices(models)}});
    const fileInput = h('input', {type: 'file', accept: '.json,application/json', hidden: true,
        dataset: {action: 'import-file'}, on: {change: (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) importPrices(file, models, () => load({sync: false}));
        }}});
    const importButton = h('button', {type: 'button', text: t('models.import'), dataset: {action: 'import-prices'},
        on: {click: () => fileInput.click()}});
    const progress = h('div', {class: 'progress-slot', attrs: {'aria-live': 'polite'}});
    const search = h('input', {type: 'search', autocomplete: 'off', attrs: {placeholder: t('models.search.placeholder')},
        on: {input: (e) => { filter = e.target.value.trim().toLowerCase(); draw(); }}});

    const load = async ({sync = true} = {}) => {
        try {
            // ?sync=false after an action: the list is re-read from the catalog without asking OpenWebUI again.
            const response = await api(`/api/v1/models${sync ? '' : '?sync=false'}`, {raw: true});
            models = await response.json();
            const syncError = response.headers.get('X-OpenWebUI-Sync-Error');
            if (sync) {
                fill(banner, syncError ? alertBox(t('models.syncWarning', {error: syncError,
                    kind: response.headers.get('X-OpenWebUI-Sync-Error-Type') || '?'}), 'warning') : null);
            }
            draw();
        } catch (error) {
            fill(body, errorBox(error, () => load()));
        }
    };

    const valueOf = (model, key) => drafts.get(model.id)?.[key] ?? plainNumber(model[key]);
    const isDirty = (model) => drafts.has(model.id)
        && PRICES.some(({key}) => drafts.get(model.id)[key] !== undefined
            && drafts.get(model.id)[key] !== plainNumber(model[key]));

    const problem = (text, min) => {
        const value = parseDecimal(text);
        if (!value) return t('validation.decimal');
        if (min !== null && Number(value.text) < min) return t('validation.notNegative');
        return null;
    };

    const draw = () => {
        const dirty = models.filter(isDirty);
        saveButton.textContent = dirty.length ? t('models.saveCount', {count: dirty.length}) : t('models.save');
        saveButton.disabled = dirty.length === 0;
        discardButton.disabled = dirty.length === 0;
        const shown = models.filter((m) => !filter || [m.id, m.name, m.base_model_id]
            .some((v) => (v || '').toLowerCase().includes(filter)));
        if (sort.field) {
            const direction = sort.order === 'ascend' ? 1 : -1;
            shown.sort((a, b) => direction * (Number(a[sort.field]) - Number(b[sort.field])) || a.id.localeCompare(b.id));
        }
        const onSort = (field, order) => {
            sort = {field, order};
            draw();
        };
        if (models.length === 0) {
            fill(body, h('p', {class: 'empty', text: t('models.empty')}));
            return;
        }
        fill(body, h('div', {class: 'table-wrap'}, h('table', {class: 'data models-table'},
            h('caption', {class: 'visually-hidden', text: t('models.caption')}),
            h('thead', {}, h('tr', {},
                h('th', {scope: 'col', class: 'icon-col'}, h('span', {class: 'visually-hidden', text: t('models.column.icon')})),
                ['name', 'id', 'base'].map((k) => h('th', {scope: 'col', text: t(`models.column.${k}`)})),
                PRICES.map((p) => sortableHeader(t(p.label), p.key, sort, onSort, 'num')),
                h('th', {scope: 'col', text: t('models.column.lastTest')}),
                h('th', {scope: 'col', text: t('models.column.actions')}))),
            h('tbody', {}, shown.map(row)))));
    };

    const row = (model) => {
        const derived = model.base_model_id && model.base_model_id !== model.id;
        const tr = h('tr', {dataset: {modelId: model.id}, class: [!model.active && model.active !== undefined && 'inactive',
            isDirty(model) && 'dirty']});
        const name = model.name || model.id;
        append(tr, [
            h('td', {class: 'icon-col'}, icon(model)),
            h('th', {scope: 'row'}, name, model.active === false
                ? h('span', {class: 'badge badge-muted', text: t('models.inactive')}) : null),
            h('td', {}, h('code', {text: model.id})),
            h('td', {}, model.base_model_id ? h('code', {text: model.base_model_id}) : '–'),
            PRICES.map(({key, label, min}) => {
                const input = h('input', {type: 'text', inputMode: 'decimal', autocomplete: 'off', size: 8,
                    value: valueOf(model, key), class: 'price', dataset: {price: key},
                    attrs: {'aria-label': t('models.priceOf', {price: t(label), name})}});
                const cell = field(t(label), input);
                cell.classList.add('cell-field');
                const check = () => {
                    const reason = problem(input.value, min);
                    cell.setError(reason);
                    return reason;
                };
                input.addEventListener('input', () => {
                    drafts.set(model.id, {...drafts.get(model.id), [key]: input.value.trim()});
                    check();
                    tr.classList.toggle('dirty', isDirty(model));
                    const dirty = models.filter(isDirty).length;
                    saveButton.textContent = dirty ? t('models.saveCount', {count: dirty}) : t('models.save');
                    saveButton.disabled = dirty === 0;
                    discardButton.disabled = dirty === 0;
                });
                if (drafts.get(model.id)?.[key] !== undefined) check();
                return h('td', {class: 'num'}, cell);
            }),
            h('td', {class: 'test-result', attrs: {'aria-live': 'polite'}}, testResult(model.id)),
            h('td', {}, h('div', {class: 'row-actions'},
                h('button', {type: 'button', text: t('models.test'), dataset: {action: 'test'},
                    attrs: {'aria-label': t('models.testOf', {name})}, on: {click: (e) => testOne(model, e.target)}}),
                derived ? h('button', {type: 'button', text: t('models.syncPrice'), dataset: {action: 'sync'},
                    attrs: {'aria-label': t('models.syncPriceOf', {name, base: model.base_model_id})},
                    on: {click: (e) => syncOne(model, e.target)}}) : null),
            rowErrors.has(model.id) ? h('p', {class: 'field-error', text: rowErrors.get(model.id)}) : null)]);
        return tr;
    };

    const updateTestCell = (id) => {
        const cell = body.querySelector(`tr[data-model-id="${CSS.escape(id)}"] .test-result`);
        if (cell) fill(cell, testResult(id));
    };

    async function save() {
        const dirty = models.filter(isDirty);
        const updates = [];
        let firstInvalid = null;
        for (const model of dirty) {
            const update = {id: model.id};
            for (const {key, min} of PRICES) {
                const text = valueOf(model, key);
                if (problem(text, min)) {
                    firstInvalid ??= body.querySelector(
                        `tr[data-model-id="${CSS.escape(model.id)}"] input[data-price="${key}"]`);
                } else {
                    update[key] = parseDecimal(text);
                }
            }
            updates.push(update);
        }
        if (firstInvalid) {
            toast(t('models.fixPrices'), 'error');
            firstInvalid.focus();
            return;
        }
        saveButton.disabled = true;
        try {
            const answer = await api('/api/v1/models/price', {method: 'POST', body: updates});
            const failed = (answer.results || []).filter((r) => !r.success);
            rowErrors.clear();
            for (const result of answer.results || []) {
                if (result.success) drafts.delete(result.id);
                else rowErrors.set(result.id, result.error || t('models.saveFailed'));
            }
            toast(failed.length === 0 ? t('models.saved', {count: updates.length})
                : t('models.savedPartly', {saved: updates.length - failed.length, failed: failed.length}),
            failed.length === 0 ? 'success' : 'error');
            await load({sync: false});
        } catch (error) {
            toast(error.message, 'error');
            draw();
        }
    }

    async function testOne(model, button) {
        button.disabled = true;
        button.setAttribute('aria-busy', 'true');
        lastTests[model.id] = {running: true};
        updateTestCell(model.id);
        try {
            const answer = await api('/api/v1/models/test', {method: 'POST', body: {modelId: model.id}});
            rememberTest(model.id, {ok: !!answer.success, latency_ms: answer.latency_ms,
                message: answer.success ? answer.response : answer.message, error_type: answer.error_type});
        } catch (error) {
            rememberTest(model.id, {ok: false, message: error.message, error_type: error.errorType});
        } finally {
            button.disabled = false;
            button.removeAttribute('aria-busy');
            updateTestCell(model.id);
        }
    }

    async function testAll() {
        streamController?.abort();
        streamController = new AbortController();
        const expected = models.filter((m) => m.active !== false).length;
        let seen = 0;
        const bar = h('progress', {max: Math.max(expected, 1), value: 0, attrs: {'aria-label': t('models.testProgress')}});
        const label = h('span', {text: t('models.testRunning', {done: 0, total: expected})});
        const cancel = h('button', {type: 'button', class: 'link', text: t('action.cancel'),
            on: {click: () => streamController.abort()}});
        fill(progress, h('div', {class: 'progress', dataset: {state: 'running'}}, bar, label, cancel));
        testAllButton.disabled = true;
        models.filter((m) => m.active !== false).forEach((m) => {
            lastTests[m.id] = {running: true};
            updateTestCell(m.id);
        });
        try {
            const response = await api('/api/v1/models/test-all', {method: 'POST', raw: true,
                headers: {Accept: 'text/event-stream'}, signal: streamController.signal});
            await readEvents(response, ({event, data}) => {
                if (event === 'result') {
                    seen += 1;
                    rememberTest(data.model, {ok: !!data.ok, latency_ms: data.latency_ms,
                        message: data.ok ? data.answer : data.error, error_type: data.error_type});
                    updateTestCell(data.model);
                    bar.max = Math.max(bar.max, seen);
                    bar.value = seen;
                    label.textContent = t('models.testRunning', {done: seen, total: Math.max(expected, seen)});
                } else if (event === 'done') {
                    fill(progress, alertBox(t('models.testDone', data), data.failed ? 'warning' : 'success'));
                    progress.firstChild.dataset.state = 'done';
                }
            });
        } catch (error) {
            fill(progress, error.name === 'AbortError' ? alertBox(t('models.testCancelled'), 'info') : errorBox(error));
        } finally {
            testAllButton.disabled = false;
            // Models the stream never reported (cancelled, or the connection broke) must not spin forever.
            Object.entries(lastTests).filter(([, r]) => r.running).forEach(([id]) => {
                delete lastTests[id];
                updateTestCell(id);
            });
        }
    }

    async function syncOne(model, button) {
        button.disabled = true;
        try {
            const answer = await api('/api/v1/models/sync-price', {method: 'POST', body: {modelId: model.id}});
            drafts.delete(model.id);
            toast(answer?.message || t('models.synced', {name: model.name || model.id}));
            await load({sync: false});
        } catch (error) {
            toast(error.message, 'error');
            button.disabled = false;
        }
    }

    async function syncAll() {
        syncAllButton.disabled = true;
        try {
            const answer = await api('/api/v1/models/sync-all-prices', {method: 'POST'});
            const synced = (answer.syncedModels || []).filter((entry) => entry.success !== false);
            synced.forEach((entry) => drafts.delete(entry.id));
            toast(answer.message || t('models.syncedAll', {count: synced.length}));
            await load({sync: false});
        } catch (error) {
            toast(error.message, 'error');
        } finally {
            syncAllButton.disabled = false;
        }
    }

    fill(main,
        h('div', {class: 'page-head'}, h('h1', {text: t('models.title')}), h('p', {class: 'hint', text: t('models.intro')})),
        banner,
        h('div', {class: 'toolbar'},
            field(t('models.search.label'), search, {inline: true}),
            h('div', {class: 'toolbar-actions'}, saveButton, discardButton, syncAllButton, testAllButton,
                exportButton, importButton, fileInput)),
        progress,
        body);
    fill(body, loading(t('models.loading')));
    await load();
    return () => streamController?.abort();
}

function icon(model) {
    const initials = h('span', {class: 'model-initials', attrs: {'aria-hidden': 'true'},
        text: (model.name || model.id).slice(0, 2).toUpperCase()});
    if (!model.imageUrl) return initials;
    const img = h('img', {src: model.imageUrl, alt: '', width: 28, height: 28, loading: 'lazy', class: 'model-icon',
        attrs: {referrerpolicy: 'no-referrer'}});
    img.addEventListener('error', () => img.replaceWith(initials));
    return img;
}

function testResult(id) {
    const result = lastTests[id];
    if (!result) return h('span', {class: 'hint', text: t('models.notTested')});
    if (result.running) {
        return h('span', {class: 'testing', dataset: {test: 'running'}},
            h('span', {class: 'spinner', attrs: {'aria-hidden': 'true'}}), t('models.testing'));
    }
    return h('div', {class: ['test', result.ok ? 'test-ok' : 'test-failed'], dataset: {test: result.ok ? 'ok' : 'failed'},
        attrs: {title: result.message || ''}},
    h('span', {class: ['badge', result.ok ? 'badge-ok' : 'badge-bad'], text: t(result.ok ? 'models.ok' : 'models.failed')}),
    ' ', h('span', {class: 'latency', text: milliseconds(result.latency_ms)}),
    h('span', {class: 'sub', text: [result.message, dateTime(result.at)].filter(Boolean).join(' · ')}));
}
