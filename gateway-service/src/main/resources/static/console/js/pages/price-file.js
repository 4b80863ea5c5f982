import {h, fill} from '../dom.js';
import {t} from '../i18n.js';
import {api, saveBlob} from '../api.js';
import {parseDecimal} from '../decimal.js';
import {plainNumber} from '../format.js';
import {alertBox, formDialog, toast} from '../ui.js';

// The original's price file: a JSON array of {id, input_price, output_price, per_msg_price}, saved as
// model_prices_YYYY-MM-DD.json. Importing shows first what each entry would do (a dry run, nothing saved), then
// applies the entries that change a price and shows the catalog's result for each.

const FIELDS = ['input_price', 'output_price', 'per_msg_price'];

export function exportPrices(models) {
    const prices = models.map((m) => ({id: m.id, input_price: Number(m.input_price),
        output_price: Number(m.output_price), per_msg_price: Number(m.per_msg_price)}));
    const name = `model_prices_${new Date().toISOString().slice(0, 10)}.json`;
    saveBlob(new Blob([JSON.stringify(prices, null, 2)], {type: 'application/json'}), name);
    toast(t('models.export.done', {count: prices.length, name}));
}

/** A price as exact decimal text: the file's numbers written without exponent, at most the catalog's 6 places. */
function priceText(value) {
    if (typeof value !== 'number' && typeof value !== 'string') return null;
    const parsed = parseDecimal(String(value)) || parseDecimal(Number(value).toFixed(6).replace(/\.?0+$/, ''));
    return parsed && Number.isFinite(Number(parsed.text)) ? parsed : null;
}

/** What each entry of the file would do against the models as listed now. */
export function planImport(entries, models) {
    const byId = new Map(models.map((m) => [m.id, m]));
    return entries.map((entry, index) => {
        const id = entry && typeof entry.id === 'string' ? entry.id : null;
        if (!id) return {index, id: `#${index + 1}`, outcome: 'invalid', reason: t('models.import.noId')};
        const model = byId.get(id);
        if (!model) return {index, id, outcome: 'unknown'};
        const update = {id};
        const changes = [];
        for (const field of FIELDS) {
            if (entry[field] === undefined) continue;
            const value = priceText(entry[field]);
            if (!value || (field !== 'per_msg_price' && Number(value.text) < 0)) {
                return {index, id, outcome: 'invalid', reason: t('models.import.badPrice', {field})};
            }
            update[field] = value;
            if (Number(value.text) !== Number(model[field])) {
                changes.push(`${field} ${plainNumber(model[field])} → ${value.text}`);
            }
        }
        return changes.length ? {index, id, outcome: 'change', update, changes} : {index, id, outcome: 'same'};
    });
}

/** Reads the chosen file, shows the dry run, and applies it when the admin confirms. */
export async function importPrices(file, models, onDone) {
    let entries;
    try {
        entries = JSON.parse(await file.text());
    } catch (error) {
        toast(t('models.import.notJson', {name: file.name}), 'error');
        return;
    }
    if (!Array.isArray(entries)) {
        toast(t('models.import.notArray'), 'error');
        return;
    }
    const plan = planImport(entries, models);
    const changing = plan.filter((p) => p.outcome === 'change');
    const list = h('div', {class: 'import-plan'}, resultTable(plan.map((p) => ({id: p.id, outcome: p.outcome,
        detail: p.outcome === 'change' ? p.changes.join(', ') : (p.reason || '')}))));
    formDialog({
        title: t('models.import.title', {name: file.name}),
        submitLabel: changing.length ? t('models.import.apply', {count: changing.length}) : t('models.import.nothing'),
        build: (form) => form.append(h('p', {class: 'hint', text: t('models.import.dryRun', {
            change: changing.length, same: plan.filter((p) => p.outcome === 'same').length,
            unknown: plan.filter((p) => p.outcome === 'unknown').length,
            invalid: plan.filter((p) => p.outcome === 'invalid').length})}), list),
        submit: async () => {
            if (changing.length === 0) return;
            const answer = await api('/api/v1/models/price', {method: 'POST',
                body: {updates: changing.map((p) => p.update)}});
            const results = answer.results || [];
            const failed = results.filter((r) => !r.success);
            fill(list, resultTable(results.map((r) => ({id: r.id, outcome: r.success ? 'applied' : 'failed',
                detail: r.error || ''}))));
            toast(t('models.import.done', {count: results.length - failed.length}), failed.length ? 'error' : 'success');
            await onDone();
            if (failed.length) throw new Error(t('models.import.someFailed', {count: failed.length}));
        },
    });
}

function resultTable(rows) {
    if (rows.length === 0) return alertBox(t('models.import.empty'), 'warning');
    return h('table', {class: 'data compact'},
        h('thead', {}, h('tr', {}, ['model', 'outcome', 'detail'].map((k) =>
            h('th', {scope: 'col', text: t(`models.import.column.${k}`)})))),
        h('tbody', {}, rows.map((r) => h('tr', {dataset: {importId: r.id, outcome: r.outcome}},
            h('th', {scope: 'row'}, h('code', {text: r.id})),
            h('td', {text: t(`models.import.outcome.${r.outcome}`)}),
            h('td', {text: r.detail})))));
}
