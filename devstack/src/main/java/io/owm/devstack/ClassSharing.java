package io.owm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The JVM options that let a service start from the classes its previous run loaded. The first run of an
 * extracted service writes the archive when it stops (Ctrl-C stops the services cleanly); later runs map it instead
 * of loading, verifying and linking those classes again. On Java 25 and later that is the AOT cache (JEPs 483, 514,
 * 515: classes loaded and linked, and method profiles), before that the dynamic CDS archive. A new build of a
 * service is extracted afresh (ServiceJars), without an archive, and makes its own. A JVM that cannot use an
 * archive starts without it.
 */
final class ClassSharing {

    private static final String AOT_CACHE = "application.aot";
    private static final String CDS_ARCHIVE = "application.jsa";
    private static final String STAMP = "archive-for-class-path.sha256";

    private ClassSharing() {
    }

    static String optionsFor(Path applicationJar) {
        return options(applicationJar.getParent());
    }

    /**
     * For a JVM started with this class path (the shared JVM's): an archive is only valid for the class path it was
     * made with, so one made for another (a new build of a service or of the host, another JDK) is deleted, and made
     * anew. The dynamic CDS archive, and none on Java 25 and later: JDK 25.0.3 crashed at every stop writing either
     * an AOT cache or a dynamic archive of a JVM with the services' class loaders (SIGSEGV in
     * {@code InstanceKlass::can_be_verified_at_dumptime}), after the services had stopped.
     */
    static String optionsFor(Path applicationJar, List<Path> classPath) {
        if (Runtime.version().feature() >= 25) {
            return "";
        }
        Path folder = applicationJar.getParent();
        Path stampFile = folder.resolve(STAMP);
        try {
            String stamp = stampOf(classPath);
            if (!Files.isRegularFile(stampFile) || !Files.readString(stampFile).equals(stamp)) {
                Files.deleteIfExists(folder.resolve(CDS_ARCHIVE));
                Files.writeString(stampFile, stamp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the class archive in " + folder, e);
        }
        return cdsOptions(folder);
    }

    private static String options(Path folder) {
        if (Runtime.version().feature() >= 25) {
            Path cache = folder.resolve(AOT_CACHE);
            return Files.isRegularFile(cache) ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache;
        }
        return cdsOptions(folder);
    }

    private static String cdsOptions(Path folder) {
        Path archive = folder.resolve(CDS_ARCHIVE);
        return Files.isRegularFile(archive)
                ? "-XX:SharedArchiveFile=" + archive + " -Xshare:auto"
                : "-XX:ArchiveClassesAtExit=" + archive;
    }

    /**
     * The JVM's version, and each entry's path, size and modification time: what the JVM itself checks before it
     * uses an archive.
     */
    private static String stampOf(List<Path> classPath) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((Runtime.version() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path entry : classPath) {
                sha.update((entry + "|" + Files.size(entry) + "|" + Files.getLastModifiedTime(entry).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
