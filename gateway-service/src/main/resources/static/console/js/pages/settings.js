import {h, fill, field} from '../dom.js';
import {t} from '../i18n.js';
import {api} from '../api.js';
import {alertBox, errorBox, toast} from '../ui.js';

// The functions of this build, served by the gateway: the monitor, its variant that shows nothing, the usage button.
const FUNCTION_FILES = [
    {file: 'openwebui_monitor.py', label: 'settings.links.function'},
    {file: 'openwebui_monitor_invisible.py', label: 'settings.links.invisible'},
    {file: 'usage_button.py', label: 'settings.links.usageButton'},
];

export async function render(main) {
    const keySection = h('section', {class: 'card', attrs: {'aria-labelledby': 'key-title'}});
    const linksSection = h('section', {class: 'card', attrs: {'aria-labelledby': 'links-title'}});
    fill(main, h('div', {class: 'page-head'}, h('h1', {text: t('settings.title')})), keySection, linksSection);

    // The key is fetched only when asked for and dropped when hidden: it is not on screen by accident, and not
    // kept in the page for longer than the admin needs it.
    const showKey = () => {
        const button = h('button', {type: 'button', class: 'primary', text: t('settings.key.show'),
            dataset: {action: 'show-key'}, on: {click: async () => {
                button.disabled = true;
                try {
                    const {apiKey} = await api('/api/v1/config/key');
                    shownKey(apiKey);
                } catch (error) {
                    fill(keyBody, errorBox(error, showKey));
                }
            }}});
        fill(keyBody, button);
    };
    const shownKey = (apiKey) => {
        const input = h('input', {type: 'text', readOnly: true, value: apiKey, spellcheck: false,
            class: 'secret', dataset: {secret: 'api-key'}});
        fill(keyBody,
            field(t('settings.key.label'), input),
            h('div', {class: 'row-actions'},
                h('button', {type: 'button', class: 'primary', text: t('action.copy'),
                    on: {click: () => copy(input)}}),
                h('button', {type: 'button', text: t('settings.key.hide'), on: {click: showKey}})));
        input.select();
    };
    const keyBody = h('div');
    fill(keySection,
        h('h2', {id: 'key-title', text: t('settings.key.title')}),
        h('p', {text: t('settings.key.explain')}),
        h('dl', {class: 'facts'},
            h('div', {}, h('dt', {text: t('settings.endpoint')}), h('dd', {}, h('code', {text: location.origin})))),
        keyBody);
    showKey();

    fill(linksSection, h('h2', {id: 'links-title', text: t('settings.links.title')}), h('p', {}, '…'));
    let grafanaUrl = '';
    let linksError = null;
    try {
        ({grafanaUrl} = await api('/api/v1/config/console'));
    } catch (error) {
        linksError = error;
    }
    fill(linksSection,
        h('h2', {id: 'links-title', text: t('settings.links.title')}),
        h('ul', {class: 'links'},
            FUNCTION_FILES.map(({file, label}) => h('li', {}, h('a', {href: `/function/${file}`,
                attrs: {download: file}, dataset: {function: file}, text: t(label)}),
            h('span', {class: 'hint', text: t('settings.links.functionHint')}))),
            h('li', {}, grafanaUrl
                ? h('a', {href: grafanaUrl, target: '_blank', rel: 'noopener noreferrer', text: t('settings.links.grafana')})
                : h('span', {text: t('settings.links.grafanaMissing')})),
            h('li', {}, h('a', {href: '/api-docs.html', target: '_blank', rel: 'noopener',
                text: t('settings.links.apiDocs')})),
            h('li', {}, h('a', {href: '/api-docs/ui', target: '_blank', rel: 'noopener',
                text: t('settings.links.openApi')}), h('span', {class: 'hint', text: t('settings.links.openApiHint')}))),
        linksError ? alertBox(linksError.message) : null,
        h('h2', {text: t('settings.session.title')}),
        h('p', {text: t('settings.session.explain')}));
}

async function copy(input) {
    try {
        await navigator.clipboard.writeText(input.value);
    } catch (ignored) {
        // navigator.clipboard needs https or localhost; on plain http the selected text is copied the old way.
        input.select();
        if (!document.execCommand('copy')) {
            toast(t('settings.key.copyManually'), 'error');
            return;
        }
    }
    toast(t('settings.key.copied'));
}
