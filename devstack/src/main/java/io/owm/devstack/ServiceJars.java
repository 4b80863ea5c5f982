package io.owm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The four service jars travel inside the devstack jar. Each is extracted into the data folder (Spring Boot's
 * tools jar mode: the application jar and its libraries as plain jars, the form class data sharing needs), once per
 * build of it: a folder whose jar has not changed is kept as it is, with the class data archive its service made.
 */
final class ServiceJars {

    private static final String STAMP = "extracted-from.sha256";
    private static final String HOST = "service-host";

    private ServiceJars() {
    }

    /** The service's application jar, extracted into {@code dir/<service>/} unless it is there already. */
    static Path extract(String service, Path dir) {
        Path folder = dir.resolve(service);
        Path application = folder.resolve(service + ".jar");
        try {
            Path packed = dir.resolve(service + ".jar");
            String digest = copy(service, packed);
            Path stamp = folder.resolve(STAMP);
            if (Files.isRegularFile(application) && Files.isRegularFile(stamp)
                    && Files.readString(stamp).equals(digest)) {
                return application;
            }
            deleteTree(folder);
            run(List.of(java(), "-Djarmode=tools", "-jar", packed.toString(), "extract", "--destination",
                    folder.toString()), dir.resolve(service + "-extract.log"));
            Files.writeString(stamp, digest);
            return application;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + service + " into " + dir, e);
        }
    }

    /**
     * The shared JVM's host (service-host), a plain jar, copied into {@code dir/service-host/}; the copy there is
     * left untouched when it is the same jar, since its class archive is valid only for the file it was made with.
     */
    static Path host(Path dir) {
        Path host = dir.resolve(HOST).resolve(HOST + ".jar");
        Path copied = host.resolveSibling(HOST + ".jar.new");
        try {
            copy(HOST, copied);
            if (Files.isRegularFile(host) && Files.mismatch(copied, host) == -1) {
                Files.delete(copied);
            } else {
                Files.move(copied, host, StandardCopyOption.REPLACE_EXISTING);
            }
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + HOST + " into " + dir, e);
        }
    }

    /** Copies the jar this jar carries under that name; returns the copy's SHA-256. */
    private static String copy(String name, Path target) throws IOException {
        String resource = "/services/" + name + ".jar";
        try (InputStream in = ServiceJars.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the devstack jar: build it with"
                        + " ./mvnw package from the repository root, which builds the services first");
            }
            Files.createDirectories(target.getParent());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Files.copy(new DigestInputStream(in, sha), target, StandardCopyOption.REPLACE_EXISTING);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Extracting a service jar failed, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting a service jar", e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }
}
