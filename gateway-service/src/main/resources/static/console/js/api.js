import {token} from './session.js';
import {t} from './i18n.js';
import {toJson} from './decimal.js';

/** A failed API call, in words for the admin: the API's own message when it sent one. */
export class ApiError extends Error {
    constructor(status, message, errorType, problems = [], parameter = '') {
        super(message);
        this.status = status;
        this.errorType = errorType;
        /** Where a refused request went wrong, when the API says ({location, problem}: a backup import). */
        this.problems = problems;
        /** The request field a 400 names (a plan's "spendCap.amount", say), for showing the error at its field. */
        this.parameter = parameter;
    }

    /** The endpoint is not installed on this server (routed nowhere, or a service of another version). */
    get notAvailable() {
        return this.status === 404 || this.status === 405 || this.status === 501;
    }
}

/** Raised, besides the error, when the server refuses the token: the console goes back to the sign-in page. */
export const UNAUTHORIZED_EVENT = 'owm:unauthorized';

/**
 * Calls the admin API with the session's token. `body` is sent as JSON (Decimal values exactly); `raw: true`
 * answers the Response itself (CSV, streams, headers).
 */
export async function api(path, {method = 'GET', body, headers = {}, raw = false, signal, accessToken} = {}) {
    const request = {method, signal, headers: {Accept: 'application/json', ...headers}};
    const bearer = accessToken ?? token();
    if (bearer) request.headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) {
        request.headers['Content-Type'] = 'application/json';
        request.body = typeof body === 'string' ? body : toJson(body);
    }
    let response;
    try {
        response = await fetch(path, request);
    } catch (e) {
        if (e.name === 'AbortError') throw e;
        throw new ApiError(0, t('error.network'), 'network');
    }
    if (!response.ok) {
        const error = await errorOf(response);
        if (response.status === 401 && accessToken === undefined) {
            window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, {detail: error.message}));
        }
        throw error;
    }
    if (raw) return response;
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
}

/** The contract's {success:false, error, error_type}; Spring's {status, error, message}; or the status in words. */
async function errorOf(response) {
    let message = '';
    let errorType = '';
    let problems = [];
    let parameter = '';
    try {
        const text = await response.text();
        const body = text ? JSON.parse(text) : {};
        message = body.error && body.message ? `${body.error}: ${body.message}` : (body.error || body.message || '');
        errorType = body.error_type || '';
        problems = Array.isArray(body.problems) ? body.problems : [];
        parameter = typeof body.parameter === 'string' ? body.parameter : '';
    } catch (ignored) {
        // Not JSON (a proxy's HTML page, say): the status below says enough.
    }
    if (!message || message === 'null') message = t(`error.status.${response.status}`, {status: response.status});
    if (message.startsWith('error.status.')) message = t('error.status', {status: response.status});
    return new ApiError(response.status, message, errorType, problems, parameter);
}

/** A fresh idempotency key. crypto.randomUUID exists only on https or localhost; admins also use plain http. */
export function idempotencyKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Saves a Response (CSV, backup JSON) as a file, named by its Content-Disposition when it has one. */
export async function download(response, fallbackName) {
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const name = match ? decodeURIComponent(match[1]) : fallbackName;
    let blob;
    try {
        blob = await response.blob();
    } catch (e) {
        // The answer started but broke off (the server failed half-way, or the connection dropped).
        throw new ApiError(0, t('error.brokenDownload'), 'network');
    }
    saveBlob(blob, name);
    return {name, size: blob.size};
}

export function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    // The browser has taken the blob once the click is handled; revoke later so slow disks still get it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
