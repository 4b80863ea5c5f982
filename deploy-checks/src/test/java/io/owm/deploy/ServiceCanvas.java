package io.owm.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A service README in the house's canvas format: sections {@code ## Topics}, {@code ## Tables} and
 * {@code ## Endpoints}, whose items name things in backticks ({@code `chat-events`}, {@code `users`},
 * {@code `GET /api/v1/users`}).
 */
final class ServiceCanvas {

    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private final String readme;

    ServiceCanvas(String service) {
        this.readme = Repo.read(Repo.path(service + "/README.md"));
    }

    /** Topic names in the Topics section; a dead-letter topic counts as the topic it belongs to. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (String name : named("Topics")) {
            if (name.matches("[a-z]+(-[a-z]+)*")) {
                topics.add(name.endsWith("-dlt") ? name.substring(0, name.length() - 4) : name);
            }
        }
        return topics;
    }

    Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        for (String name : named("Tables")) {
            if (name.matches("[a-z_]+")) {
                tables.add(name);
            }
        }
        return tables;
    }

    Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (String name : named("Endpoints")) {
            if (name.matches("(GET|POST|PUT|PATCH|DELETE) /\\S*")) {
                endpoints.add(name);
            }
        }
        return endpoints;
    }

    boolean hasSection(String title) {
        return readme.contains("\n## " + title + "\n");
    }

    private Set<String> named(String section) {
        int start = readme.indexOf("\n## " + section + "\n");
        if (start < 0) {
            return Set.of();
        }
        int end = readme.indexOf("\n## ", start + 4);
        String body = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new TreeSet<>();
        BACKTICKED.matcher(body).results().forEach(m -> names.add(m.group(1)));
        return names;
    }
}
