// DOM building without innerHTML: every value from the API becomes a text node or an attribute value, so a model
// name or a note such as "<img onerror=...>" is shown as typed and never runs (the CSP would block it anyway).

/**
 * h('button', {class: 'primary', on: {click: save}, attrs: {'aria-label': 'Save'}}, 'Save')
 * Properties other than class/text/on/attrs/dataset are set as element properties (value, disabled, type...).
 */
export function h(tag, props = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === undefined || value === null) continue;
        if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
        else if (key === 'text') el.textContent = value;
        else if (key === 'on') Object.entries(value).forEach(([event, fn]) => el.addEventListener(event, fn));
        else if (key === 'attrs') Object.entries(value).forEach(([name, v]) => {
            if (v !== undefined && v !== null && v !== false) el.setAttribute(name, v === true ? '' : String(v));
        });
        else if (key === 'dataset') Object.assign(el.dataset, value);
        else el[key] = value;
    }
    append(el, children);
    return el;
}

export function append(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
}

export function clear(el) {
    el.replaceChildren();
    return el;
}

/** Replaces an element's content. */
export function fill(el, ...children) {
    el.replaceChildren();
    return append(el, children);
}

let counter = 0;

/** A unique id, for label/aria-describedby pairs. */
export function uid(prefix = 'owm') {
    counter += 1;
    return `${prefix}-${counter}`;
}

/** A labelled form field: label above the control, an optional hint and an error line announced to readers. */
export function field(labelText, control, {hint, inline} = {}) {
    control.id = control.id || uid('field');
    const hintEl = hint ? h('span', {class: 'hint', id: uid('hint'), text: hint}) : null;
    const errorEl = h('span', {class: 'field-error', id: uid('err'), attrs: {'aria-live': 'polite'}});
    const described = [hintEl?.id, errorEl.id].filter(Boolean).join(' ');
    control.setAttribute('aria-describedby', described);
    const wrapper = h('div', {class: ['field', inline && 'field-inline']},
        h('label', {attrs: {for: control.id}, text: labelText}), control, hintEl, errorEl);
    wrapper.setError = (message) => {
        errorEl.textContent = message || '';
        if (message) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
    };
    return wrapper;
}

/** Waits for `ms` after the last call before running `fn`: search boxes ask the API once per pause in typing. */
export function debounce(fn, ms) {
    let timer;
    return (...args) => {
        clearTimeout(timer);
        timer = setTimeout(() => fn(...args), ms);
    };
}
