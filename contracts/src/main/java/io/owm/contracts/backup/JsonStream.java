package io.owm.contracts.backup;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** Writes a JSON array row by row, so that an export of any size streams through in constant memory. */
public final class JsonStream {

    private JsonStream() {
    }

    public static Flux<DataBuffer> text(String text) {
        return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code "name":[row,row,...]}; the rows are serialized as they arrive from the database. */
    public static Flux<DataBuffer> array(String name, Flux<?> rows, JsonMapper json) {
        Flux<DataBuffer> elements = rows.index().map(indexed -> {
            String element = (indexed.getT1() == 0 ? "" : ",") + json.writeValueAsString(indexed.getT2());
            return DefaultDataBufferFactory.sharedInstance.wrap(element.getBytes(StandardCharsets.UTF_8));
        });
        return text("\"" + name + "\":[").concatWith(elements).concatWith(text("]"));
    }
}
