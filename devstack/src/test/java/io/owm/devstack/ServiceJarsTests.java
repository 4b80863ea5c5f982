package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTests {

    @TempDir
    Path dir;

    @Test
    void aCarriedJarIsKnownByItsEntryInTheDirectoryWithoutReadingIt() throws IOException {
        String first = ServiceJars.fingerprint(carried(devstackJar("one.jar", "a build"), "services/gateway.jar"));
        String same = ServiceJars.fingerprint(carried(devstackJar("two.jar", "a build"), "services/gateway.jar"));
        String next = ServiceJars.fingerprint(carried(devstackJar("three.jar", "the next build"),
                "services/gateway.jar"));

        assertThat(first).startsWith("crc32 ").endsWith(" size 7").isEqualTo(same);
        assertThat(next).isNotEqualTo(first);
    }

    @Test
    void aJarInAFolderIsKnownByItsContent() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.jar"), "a build");
        String first = ServiceJars.fingerprint(file.toUri().toURL());
        Files.writeString(file, "a bUild");

        assertThat(first).startsWith("sha256 ").hasSize("sha256 ".length() + 64);
        assertThat(ServiceJars.fingerprint(file.toUri().toURL())).isNotEqualTo(first);
    }

    private Path devstackJar(String name, String serviceJarContent) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("services/gateway.jar"));
            out.write(serviceJarContent.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static URL carried(Path jar, String entry) throws IOException {
        return URI.create("jar:" + jar.toUri() + "!/" + entry).toURL();
    }
}
