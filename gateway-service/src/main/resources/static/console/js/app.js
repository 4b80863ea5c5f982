import {h, fill, field} from './dom.js';
import {LOCALES, chooseLocale, currentLocale, loadLocale, t} from './i18n.js';
import {api, UNAUTHORIZED_EVENT} from './api.js';
import * as session from './session.js';
import {alertBox, errorBox} from './ui.js';
import * as models from './pages/models.js';
import * as users from './pages/users.js';
import * as ledger from './pages/ledger.js';
import * as usage from './pages/usage.js';
import * as plans from './pages/plans.js';
import * as settings from './pages/settings.js';
import * as backup from './pages/backup.js';

// Hash routes: the gateway serves one page, and a reload or a bookmark lands on the same view.
const PAGES = [
    {path: 'models', page: models, label: 'nav.models'},
    {path: 'users', page: users, label: 'nav.users'},
    {path: 'plans', page: plans, label: 'nav.plans'},
    {path: 'usage', page: usage, label: 'nav.usage'},
    {path: 'settings', page: settings, label: 'nav.settings'},
    {path: 'backup', page: backup, label: 'nav.backup'},
];
const DEFAULT_PATH = 'models';

const root = document.getElementById('app');
let cleanup = null;

function route() {
    const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
    if (path === 'users' && rest.length > 0) {
        return {path: 'users', page: ledger, label: 'nav.users', params: {userId: decodeURIComponent(rest.join('/'))}};
    }
    const found = PAGES.find((p) => p.path === path);
    return found ? {...found, params: {}} : null;
}

/** The language switch: every language the console speaks, each named in itself. */
function languageSwitch() {
    const current = currentLocale().split('-')[0];
    return h('label', {class: 'language-switch'}, h('span', {class: 'visually-hidden', text: t('language.label')}),
        h('select', {name: 'language', on: {change: (e) => chooseLocale(e.target.value)}},
            Object.entries(LOCALES).map(([tag, name]) => h('option', {value: tag, text: name, lang: tag,
                selected: tag === current}))));
}

function showSignIn(message) {
    stopPage();
    document.title = t('login.title');
    const input = h('input', {type: 'password', name: 'token', autocomplete: 'current-password', required: true,
        spellcheck: false});
    const tokenField = field(t('login.token'), input, {hint: t('login.hint')});
    const status = h('div', {attrs: {'aria-live': 'assertive'}}, message ? alertBox(message) : null);
    const submit = h('button', {type: 'submit', class: 'primary', text: t('login.submit')});
    const form = h('form', {class: 'login-form', noValidate: true, on: {submit: (e) => signIn(e)}},
        tokenField, status, submit);

    async function signIn(event) {
        event.preventDefault();
        const candidate = input.value.trim();
        if (!candidate) {
            tokenField.setError(t('login.empty'));
            input.focus();
            return;
        }
        tokenField.setError('');
        submit.disabled = true;
        try {
            // The gateway's own endpoint: checks the token without depending on the other services being up.
            await api('/api/v1/config/console', {accessToken: candidate});
            session.signIn(candidate);
            if (!route()) location.hash = `#/${DEFAULT_PATH}`;
            showConsole();
        } catch (error) {
            const text = error.status === 401 ? t('login.refused') : error.message;
            fill(status, alertBox(text));
            input.select();
        } finally {
            submit.disabled = false;
        }
    }

    fill(root, h('main', {id: 'main', class: 'login'},
        h('div', {class: 'login-card'},
            h('img', {src: '/console/icon.svg', alt: '', class: 'login-logo', width: 48, height: 48}),
            h('h1', {text: t('app.name')}),
            h('p', {class: 'hint', text: t('login.intro')}),
            form, languageSwitch())));
    input.focus();
}

function showConsole() {
    const nav = h('nav', {class: 'main-nav', attrs: {'aria-label': t('nav.label')}},
        h('ul', {}, PAGES.map((p) => h('li', {}, h('a', {href: `#/${p.path}`, text: t(p.label),
            dataset: {nav: p.path}})))));
    const signOut = h('button', {type: 'button', class: 'link sign-out', text: t('action.signOut'),
        on: {click: () => {
            session.signOut();
            showSignIn();
            history.replaceState(null, '', location.pathname);
        }}});
    fill(root,
        h('a', {class: 'skip-link', href: '#main', text: t('nav.skip'),
            on: {click: (e) => {
                e.preventDefault();
                document.getElementById('main')?.focus();
            }}}),
        h('header', {class: 'top-bar'},
            h('a', {class: 'brand', href: `#/${DEFAULT_PATH}`},
                h('img', {src: '/console/icon.svg', alt: '', width: 28, height: 28}), t('app.name')),
            nav, languageSwitch(), signOut),
        h('div', {id: 'toasts', class: 'toasts', attrs: {'aria-live': 'polite'}}),
        h('main', {id: 'main', tabIndex: -1}));
    renderPage();
}

function stopPage() {
    if (typeof cleanup === 'function') cleanup();
    cleanup = null;
}

async function renderPage() {
    const main = document.getElementById('main');
    if (!main) return;
    const current = route();
    if (!current) {
        location.replace(`#/${DEFAULT_PATH}`);
        return;
    }
    stopPage();
    document.querySelectorAll('.main-nav a').forEach((a) => {
        if (a.dataset.nav === current.path) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
    });
    document.title = `${t(current.label)} – ${t('app.name')}`;
    fill(main);
    try {
        cleanup = await current.page.render(main, current.params);
    } catch (error) {
        // A bug in a page must not leave the admin in front of an empty screen.
        console.error(error);
        fill(main, errorBox(error, () => renderPage()));
    }
}

window.addEventListener('hashchange', () => {
    if (session.token()) renderPage();
});
window.addEventListener(UNAUTHORIZED_EVENT, () => {
    session.signOut();
    showSignIn(t('login.expired'));
});

await loadLocale();
document.title = t('app.name');
if (session.token()) showConsole();
else showSignIn();
