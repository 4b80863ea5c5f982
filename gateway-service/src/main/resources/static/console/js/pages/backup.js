import {h, fill, field} from '../dom.js';
import {t} from '../i18n.js';
import {api, download} from '../api.js';
import {number} from '../format.js';
import {alertBox, toast} from '../ui.js';

// The original app's backup format: {version:"1.0", timestamp, data:{users, model_prices, user_usage_records}}.
// An import replaces everything, so the file is read and summarised in the browser first and the admin confirms
// what will be replaced.

const TABLES = ['users', 'model_prices', 'user_usage_records'];

export async function render(main) {
    const exportStatus = h('div', {attrs: {'aria-live': 'polite'}});
    const importStatus = h('div', {attrs: {'aria-live': 'polite'}});
    const exportButton = h('button', {type: 'button', class: 'primary', text: t('backup.export.button'),
        dataset: {action: 'export'}, on: {click: exportBackup}});
    const file = h('input', {type: 'file', accept: 'application/json,.json'});
    const confirm = h('input', {type: 'checkbox', id: 'backup-confirm'});
    const importButton = h('button', {type: 'button', class: 'danger', text: t('backup.import.button'),
        disabled: true, dataset: {action: 'import'}, on: {click: importBackup}});
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
            parsed = validate(JSON.parse(parsedText));
            fill(importStatus, alertBox(t('backup.import.summary', {
                users: number(parsed.data.users.length), prices: number(parsed.data.model_prices.length),
                records: number(parsed.data.user_usage_records.length), time: parsed.timestamp || '?'}), 'info'));
        } catch (error) {
            fill(importStatus, alertBox(t('backup.import.invalid', {reason: error.message})));
        }
        importButton.disabled = !(parsed && confirm.checked);
    });
    confirm.addEventListener('change', () => { importButton.disabled = !(parsed && confirm.checked); });

    async function importBackup() {
        importButton.disabled = true;
        try {
            const answer = await api('/api/v1/panel/database/import', {method: 'POST', body: parsedText});
            fill(importStatus, alertBox(answer?.message || t('backup.import.done'), 'success'));
            toast(t('backup.import.done'));
            confirm.checked = false;
        } catch (error) {
            fill(importStatus, unavailableOr(error));
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
            importButton, importStatus));
}

function unavailableOr(error) {
    return alertBox(error.notAvailable ? t('backup.unavailable') : error.message, error.notAvailable ? 'warning' : 'error');
}

function validate(backup) {
    if (!backup || typeof backup !== 'object' || !backup.data || typeof backup.data !== 'object') {
        throw new Error(t('backup.import.noData'));
    }
    for (const table of TABLES) {
        if (!Array.isArray(backup.data[table])) throw new Error(t('backup.import.noTable', {table}));
    }
    return backup;
}
