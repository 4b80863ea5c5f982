package io.owm.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's code says it has, read from its sources as text: the topics it names, the HTTP endpoints of its
 * controllers, the tables its migrations leave. The service README's canvas must say the same.
 */
final class ServiceCode {

    private static final Pattern TOPIC_CONSTANT = Pattern.compile(
            "public static final Topic (\\w+) = new Topic\\(\"([^\"]+)\"");
    private static final Pattern CLASS_MAPPING = Pattern.compile(
            "@RequestMapping\\((?:path\\s*=\\s*)?\"([^\"]*)\"");
    private static final Pattern METHOD_MAPPING = Pattern.compile(
            "@(Get|Post|Put|Patch|Delete)Mapping(?:\\((?:path\\s*=\\s*|value\\s*=\\s*)?\"?([^\",)]*)\"?[^)]*\\))?");
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\w+)");
    private static final Pattern DROP_TABLE = Pattern.compile("DROP TABLE (?:IF EXISTS )?(\\w+)");

    private final Path module;

    ServiceCode(String service) {
        this.module = Repo.path(service);
    }

    /** Topic names the service's main code refers to, by the catalogue's constants or by name. */
    Set<String> topics() {
        Map<String, String> catalogue = topicCatalogue();
        Set<String> topics = new TreeSet<>();
        for (String source : mainSources()) {
            catalogue.forEach((constant, name) -> {
                if (source.contains("Topics." + constant) || source.contains("\"" + name + "\"")) {
                    topics.add(name);
                }
            });
        }
        return topics;
    }

    /** {@code METHOD /path} of every handler method of every controller. */
    Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (String source : mainSources()) {
            if (!source.contains("@RestController")) {
                continue;
            }
            Matcher prefix = CLASS_MAPPING.matcher(source);
            String base = prefix.find() ? prefix.group(1) : "";
            Matcher method = METHOD_MAPPING.matcher(source);
            while (method.find()) {
                String path = method.group(2) == null ? "" : method.group(2).trim();
                endpoints.add(method.group(1).toUpperCase() + " " + base + path);
            }
        }
        return endpoints;
    }

    /** Tables the migrations create and do not drop again. */
    Set<String> tables() {
        Path migrations = module.resolve("src/main/resources/db/migration");
        Set<String> tables = new TreeSet<>();
        if (!Files.isDirectory(migrations)) {
            return tables;
        }
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.sorted().toList()) {
                String sql = Repo.read(file);
                CREATE_TABLE.matcher(sql).results().forEach(m -> tables.add(m.group(1)));
                DROP_TABLE.matcher(sql).results().forEach(m -> tables.remove(m.group(1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private List<String> mainSources() {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(file -> sources.add(Repo.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    private static Map<String, String> topicCatalogue() {
        String topics = Repo.read(Repo.path("contracts/src/main/java/io/owm/contracts/Topics.java"));
        Map<String, String> catalogue = new java.util.LinkedHashMap<>();
        TOPIC_CONSTANT.matcher(topics).results().forEach(m -> catalogue.put(m.group(1), m.group(2)));
        return catalogue;
    }
}
