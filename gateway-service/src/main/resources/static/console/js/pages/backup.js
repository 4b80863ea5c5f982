import {h, fill, field} from '../dom.js';
import {t} from '../i18n.js';
import {api, download} from '../api.js';
import {number} from '../format.js';
import {alertBox, toast} from '../ui.js';

// Two formats: this system's export ({format: "openwebui-monitor-kafka", version: 2, billing, catalog, analytics})
// and the original app's ({version: "1.0", timestamp, data: {users, model_prices, user_usage_records}}). The file
// is summarised in the browser first; a dry run asks the server what would change; the import changes balances,
// prices and records to the file's (docs/backup.md), so the admin confirms before it runs.

const OWN_FORMAT = 'openwebui-monitor-kafka';
const TABLES = ['users', 'model_prices', 'user_usage_records'];
/** Enough to fix a file by; the server says how many there are in all. */
const PROBLEMS_SHOWN = 10;

export async function render(main) {
    const exportStatus = h('div', {attrs: {'aria-live': 'polite'}});
    const importStatus = h('div', {attrs: {'aria-live': 'polite'}});
    const exportButton = h('button', {type: 'button', class: 'primary', text: t('backup.export.button'),
        dataset: {action: 'export'}, on: {click: exportBackup}});
    const file = h('input', {type: 'file', accept: 'application/json,.json'});
    const confirm = h('input', {type: 'checkbox', id: 'backup-confirm'});
    const importButton = h('button', {type: 'button', class: 'danger', text: t('backup.import.button'),
        disabled: true, dataset: {action: 'import'}, on: {click: () => importBackup(false)}});
    const dryRunButton = h('button', {type: 'button', text: t('backup.import.dryRun'),
        disabled: true, dataset: {action: 'dry-run'}, on: {click: () => importBackup(true)}});
    let parsed = null;
    // Sent as read: re-serialising would pass the amounts through JavaScript numbers.
    let parsedText = '';

    async function exportBackup() {
        exportButton.disabled = true;
        fill(exportStatus);
        try {
            const response = await api('/api/v1/panel/database/export', {raw: true});
            const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
            const saved = await download(response, `openwebui-monitor-backup-${stamp}.json`);
            fill(exportStatus, alertBox(t('backup.export.done', {name: saved.name, size: number(saved.size)}), 'success'));
        } catch (error) {
            fill(exportStatus, unavailableOr(error));
        } finally {
            exportButton.disabled = false;
        }
    }

    file.addEventListener('change', async () => {
        parsed = null;
        importButton.disabled = true;
        fill(importStatus);
        const chosen = file.files[0];
        if (!chosen) return;
        try {
            parsedText = await chosen.text();
            parsed = summarise(JSON.parse(parsedText));
            fill(importStatus, alertBox(t('backup.import.summary', {
                users: number(parsed.users), prices: number(parsed.prices),
                records: number(parsed.records), time: parsed.timestamp || '?'}), 'info'));
        } catch (error) {
            fill(importStatus, alertBox(t('backup.import.invalid', {reason: error.message})));
        }
        dryRunButton.disabled = !parsed;
        importButton.disabled = !(parsed && confirm.checked);
    });
    confirm.addEventListener('change', () => { importButton.disabled = !(parsed && confirm.checked); });

    async function importBackup(dryRun) {
        importButton.disabled = true;
        dryRunButton.disabled = true;
        try {
            const path = '/api/v1/panel/database/import' + (dryRun ? '?dryRun=true' : '');
            const answer = await api(path, {method: 'POST', body: parsedText});
            fill(importStatus, alertBox(answer?.message || t('backup.import.done'), dryRun ? 'info' : 'success'));
            if (!dryRun) {
                toast(t('backup.import.done'));
                confirm.checked = false;
            }
        } catch (error) {
            fill(importStatus, unavailableOr(error), problemList(error));
        } finally {
            dryRunButton.disabled = !parsed;
            importButton.disabled = !(parsed && confirm.checked);
        }
    }

    fill(main,
        h('div', {class: 'page-head'}, h('h1', {text: t('backup.title')}), h('p', {class: 'hint', text: t('backup.intro')})),
        h('section', {class: 'card', attrs: {'aria-labelledby': 'export-title'}},
            h('h2', {id: 'export-title', text: t('backup.export.title')}),
            h('p', {text: t('backup.export.explain')}), exportButton, exportStatus),
        h('section', {class: 'card', attrs: {'aria-labelledby': 'import-title'}},
            h('h2', {id: 'import-title', text: t('backup.import.title')}),
            h('p', {text: t('backup.import.explain')}),
            field(t('backup.import.file'), file),
            h('div', {class: 'check'}, confirm, h('label', {attrs: {for: 'backup-confirm'}, text: t('backup.import.confirm')})),
            dryRunButton, importButton, importStatus));
}

function unavailableOr(error) {
    return alertBox(error.notAvailable ? t('backup.unavailable') : error.message, error.notAvailable ? 'warning' : 'error');
}

/** Where the server found problems in the file: the first few, each with its place in the file. */
function problemList(error) {
    if (!error.problems || error.problems.length === 0) return null;
    return h('ul', {class: 'problems'}, ...error.problems.slice(0, PROBLEMS_SHOWN)
        .map(p => h('li', {}, h('code', {text: p.location}), ' ', p.problem)));
}

/** How many rows of each kind the file holds, in either format; throws when it is neither. */
function summarise(backup) {
    if (backup && backup.format === OWN_FORMAT) {
        return {users: (backup.billing?.users || []).length, prices: (backup.catalog?.models || []).length,
            records: (backup.analytics?.usage_records || []).length, timestamp: backup.timestamp};
    }
    if (!backup || typeof backup !== 'object' || !backup.data || typeof backup.data !== 'object') {
        throw new Error(t('backup.import.noData'));
    }
    for (const table of TABLES) {
        if (!Array.isArray(backup.data[table])) throw new Error(t('backup.import.noTable', {table}));
    }
    return {users: backup.data.users.length, prices: backup.data.model_prices.length,
        records: backup.data.user_usage_records.length, timestamp: backup.timestamp};
}
