package io.owm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The four service jars travel inside the devstack jar; they are unpacked into the data folder to run. */
final class ServiceJars {

    private ServiceJars() {
    }

    static Path unpack(String service, Path dir) {
        String resource = "/services/" + service + ".jar";
        try (InputStream in = ServiceJars.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the devstack jar: build it with"
                        + " ./mvnw package from the repository root, which builds the services first");
            }
            Files.createDirectories(dir);
            Path jar = dir.resolve(service + ".jar");
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + service + " into " + dir, e);
        }
    }
}
