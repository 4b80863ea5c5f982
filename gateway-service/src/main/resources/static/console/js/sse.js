// Server-Sent Events over fetch(): EventSource can neither POST nor send the Authorization header, and the
// admin token must not go into a URL. This reads the stream and splits it by the SSE rules (events end with a
// blank line; "event:" names it, "data:" lines are joined by newlines; comments start with ":").

/** Calls onEvent({event, data, id}) for each event of the Response's body; resolves when the stream ends. */
export async function readEvents(response, onEvent) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = blankLine(buffer)) !== null) {
            dispatch(buffer.slice(0, end.index), onEvent);
            buffer = buffer.slice(end.index + end.length);
        }
    }
    if (buffer.trim()) dispatch(buffer, onEvent);
}

function blankLine(buffer) {
    const match = /\r\n\r\n|\n\n|\r\r/.exec(buffer);
    return match ? {index: match.index, length: match[0].length} : null;
}

function dispatch(block, onEvent) {
    let event = 'message';
    let id = null;
    const data = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (name === 'event') event = value;
        else if (name === 'data') data.push(value);
        else if (name === 'id') id = value;
    }
    if (data.length === 0) return;
    const text = data.join('\n');
    let parsed;
    try {
        parsed = JSON.parse(text);
    } catch (ignored) {
        parsed = text;
    }
    onEvent({event, data: parsed, id});
}
