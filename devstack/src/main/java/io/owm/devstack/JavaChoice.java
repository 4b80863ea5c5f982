package io.owm.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Java the devstack's own JVMs (the broker's and the services') run on. With the services in one JVM (the
 * default), a JDK 25 or later where one is installed: measured side by side, the stack on 25 answers more outlets for
 * less CPU and the same memory. With a JVM per service, the Java the devstack was started with: there 25 holds more
 * memory, its AOT caches more than 17's class archives (docs/benchmarks.md, "Thirteenth session").
 * {@code OWM_DEVSTACK_JAVA_HOME} names one outright, whatever its version, for example the one started with.
 */
final class JavaChoice {

    /** The first version the devstack looks for when it was started with an older one. */
    static final int PREFERRED_VERSION = 25;

    static final String JAVA_HOME_VARIABLE = "OWM_DEVSTACK_JAVA_HOME";

    /** JEP 519: 8-byte object headers, a product option from 25 on; the measured stack on 25 ran with it. */
    static final String COMPACT_HEADERS = "-XX:+UseCompactObjectHeaders";

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([0-9]+)(?:\\.([0-9]+))?[^\"]*\"");

    private JavaChoice() {
    }

    /** A Java home and its feature version (25 for 25.0.3, 8 for 1.8.0), 0 when its release file does not say. */
    record Jdk(Path home, int version) {

        Path java() {
            return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        }
    }

    /**
     * The Java for the devstack's JVMs, given the environment, the running Java, the folders to look in and whether
     * the services share one JVM.
     */
    static Jdk choose(Map<String, String> env, Jdk running, List<Path> places, boolean servicesShareOneJvm) {
        String named = env.get(JAVA_HOME_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path home = Path.of(named.trim());
            Jdk jdk = new Jdk(home, versionOf(home).orElse(0));
            if (!Files.isExecutable(jdk.java())) {
                throw new IllegalArgumentException(JAVA_HOME_VARIABLE + "=" + named + " is not a Java home: "
                        + jdk.java() + " is not there or cannot be run");
            }
            return jdk;
        }
        if (!servicesShareOneJvm || running.version() >= PREFERRED_VERSION) {
            return running;
        }
        return installed(places).stream()
                .filter(jdk -> jdk.version() >= PREFERRED_VERSION)
                .max(Comparator.comparingInt(Jdk::version).thenComparing(Jdk::home, Comparator.reverseOrder()))
                .orElse(running);
    }

    /** For the JVM this runs in: the devstack's environment, this Java, and where JDKs are usually installed. */
    static Jdk choose(Map<String, String> env) {
        Path home = Path.of(System.getProperty("java.home"));
        return choose(env, new Jdk(home, Runtime.version().feature()), usualPlaces(home),
                DevStackSettings.sharedJvm(env));
    }

    /**
     * Options that the devstack adds for a Java of this version to its own defaults (never to options a user gave):
     * compact object headers from 25 on.
     */
    static String defaultOptionsFor(int version) {
        return version >= PREFERRED_VERSION ? " " + COMPACT_HEADERS : "";
    }

    /** Folders that hold JDKs side by side: the running one's own, and the usual ones of Linux, macOS and SDKMAN. */
    static List<Path> usualPlaces(Path runningHome) {
        Set<Path> places = new LinkedHashSet<>();
        if (runningHome.getParent() != null) {
            places.add(runningHome.getParent());
        }
        Path userHome = Path.of(System.getProperty("user.home"));
        places.addAll(List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"),
                Path.of("/Library/Java/JavaVirtualMachines"), userHome.resolve(".sdkman/candidates/java"),
                userHome.resolve(".jdks")));
        return List.copyOf(places);
    }

    /** The JDKs found directly in these folders (or, on macOS, in their {@code Contents/Home}). */
    static List<Jdk> installed(List<Path> places) {
        List<Jdk> found = new ArrayList<>();
        for (Path place : places) {
            if (!Files.isDirectory(place)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(place)) {
                entries.sorted().flatMap(entry -> Stream.of(entry, entry.resolve("Contents").resolve("Home")))
                        .forEach(home -> versionOf(home)
                                .map(version -> new Jdk(home, version))
                                .filter(jdk -> Files.isExecutable(jdk.java()))
                                .ifPresent(found::add));
            } catch (IOException | SecurityException unreadable) {
                // A folder this user may not list holds no JDK the devstack could choose.
            }
        }
        return found;
    }

    /** The feature version in a Java home's {@code release} file. */
    static Optional<Integer> versionOf(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.ISO_8859_1));
            if (!version.find()) {
                return Optional.empty();
            }
            int first = Integer.parseInt(version.group(1));
            // Java 8 and before call themselves 1.8.0.
            return Optional.of(first == 1 && version.group(2) != null ? Integer.parseInt(version.group(2)) : first);
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
