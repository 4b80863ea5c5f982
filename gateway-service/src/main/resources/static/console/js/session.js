// The admin token lives in sessionStorage: it survives a reload of the tab but is forgotten when the tab or the
// browser closes, and other tabs and sites cannot read it. It is sent only as a bearer header, never in a URL
// (URLs end up in logs and browser history).

const KEY = 'owm.accessToken';

export function token() {
    return sessionStorage.getItem(KEY);
}

export function signIn(accessToken) {
    sessionStorage.setItem(KEY, accessToken);
}

export function signOut() {
    sessionStorage.removeItem(KEY);
}
