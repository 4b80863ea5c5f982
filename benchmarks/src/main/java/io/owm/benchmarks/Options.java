package io.owm.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code --name=value} options with defaults; an unknown or malformed option stops the run with its name. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options look like --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return new Options(values);
    }

    int integer(String name, int defaultValue) {
        String value = values.remove(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }

    List<Integer> integers(String name, String defaultValue) {
        String value = values.remove(name);
        try {
            return Stream.of((value == null ? defaultValue : value).split(",")).map(String::trim)
                    .map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be whole numbers separated by commas");
        }
    }

    String text(String name, String defaultValue) {
        String value = values.remove(name);
        return value == null ? defaultValue : value;
    }

    /** Call after reading every option: a typo must not silently run the defaults. */
    void requireAllUsed() {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown options: " + values.keySet());
        }
    }
}
