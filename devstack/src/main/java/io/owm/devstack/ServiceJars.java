package io.owm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * The four service jars travel inside the devstack jar. Each is extracted into the data folder (Spring Boot's
 * tools jar mode: the application jar and its libraries as plain jars, the form class data sharing needs), once per
 * build of it: a folder whose jar has not changed is kept as it is, with the class data archive its service made.
 */
final class ServiceJars {

    /** The fingerprint of the jar the folder was extracted from. */
    private static final String STAMP = "extracted-from";
    private static final String HOST = "service-host";

    private ServiceJars() {
    }

    /** The service's application jar, extracted into {@code dir/<service>/} unless it is there already. */
    static Path extract(String service, Path dir) {
        Path folder = dir.resolve(service);
        Path application = folder.resolve(service + ".jar");
        try {
            String carried = fingerprint(resource(service));
            Path stamp = folder.resolve(STAMP);
            Path packed = dir.resolve(service + ".jar");
            if (Files.isRegularFile(application) && Files.isRegularFile(stamp)
                    && Files.readString(stamp).equals(carried)) {
                // Earlier devstacks kept the packed copy beside the folder.
                Files.deleteIfExists(packed);
                return application;
            }
            deleteTree(folder);
            copy(service, packed);
            run(List.of(java(), "-Djarmode=tools", "-jar", packed.toString(), "extract", "--destination",
                    folder.toString()), dir.resolve(service + "-extract.log"));
            Files.delete(packed);
            Files.writeString(stamp, carried);
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

    /**
     * What tells one build of a carried jar from another without reading it: its entry's CRC-32 and size, from the
     * devstack jar's directory (reading and hashing the four jars took a second of every start). Run from a
     * folder (the tests, an IDE), the file's SHA-256.
     */
    static String fingerprint(URL carried) throws IOException {
        URLConnection connection = carried.openConnection();
        if (connection instanceof JarURLConnection inJar) {
            JarEntry entry = inJar.getJarEntry();
            if (entry != null && entry.getCrc() != -1 && entry.getSize() != -1) {
                return "crc32 " + Long.toHexString(entry.getCrc()) + " size " + entry.getSize();
            }
        }
        try (InputStream in = connection.getInputStream()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
            return "sha256 " + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the jar this jar carries under that name. */
    private static void copy(String name, Path target) throws IOException {
        try (InputStream in = resource(name).openStream()) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static URL resource(String name) {
        String resource = "/services/" + name + ".jar";
        URL url = ServiceJars.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is missing from the devstack jar: build it with"
                    + " ./mvnw package from the repository root, which builds the services first");
        }
        return url;
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
