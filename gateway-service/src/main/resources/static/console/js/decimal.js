// Money is exact in this system (NUMERIC / BigDecimal). The console keeps it exact on the way in: a price or an
// amount is validated as decimal text and written into the JSON body as that very text, instead of going
// through a JavaScript number (0.1 + 0.2 and long fractions would otherwise be altered before they leave).

const DECIMAL = /^-?\d+(\.\d+)?$/;

export class Decimal {
    constructor(text) {
        if (!DECIMAL.test(text)) throw new Error(`not a decimal: ${text}`);
        this.text = text;
    }
}

/** The admin's input, trimmed, with a decimal comma accepted: null when it is not a plain decimal number. */
export function parseDecimal(input) {
    const text = String(input ?? '').trim().replace(',', '.');
    if (!DECIMAL.test(text)) return null;
    return new Decimal(text);
}

/** JSON.stringify, except that Decimal values are written as bare numbers with their exact digits. */
export function toJson(value) {
    const decimals = [];
    const json = JSON.stringify(value, (key, v) => {
        if (v instanceof Decimal) {
            decimals.push(v.text);
            return `\u0000decimal:${decimals.length - 1}`;
        }
        return v;
    });
    return json.replace(/"\\u0000decimal:(\d+)"/g, (whole, index) => decimals[Number(index)]);
}
