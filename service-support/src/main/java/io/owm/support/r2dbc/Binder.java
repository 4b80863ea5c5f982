package io.owm.support.r2dbc;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Binds parameters that may be null, which {@link GenericExecuteSpec#bind} refuses. */
public final class Binder {

    private GenericExecuteSpec spec;

    private Binder(GenericExecuteSpec spec) {
        this.spec = spec;
    }

    public static Binder of(GenericExecuteSpec spec) {
        return new Binder(spec);
    }

    public Binder bind(String name, Object value) {
        spec = spec.bind(name, value);
        return this;
    }

    public Binder bindNullable(String name, Object value, Class<?> type) {
        spec = value == null ? spec.bindNull(name, type) : spec.bind(name, value);
        return this;
    }

    public GenericExecuteSpec spec() {
        return spec;
    }
}
