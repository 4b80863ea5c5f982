package io.owm.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM options that let a service start from the classes its previous run loaded. The first run of an
 * extracted service writes the archive when it stops (Ctrl-C stops the services cleanly); later runs map it instead
 * of loading, verifying and linking those classes again. On Java 25 and later that is the AOT cache (JEPs 483, 514,
 * 515: classes loaded and linked, and method profiles), before that the dynamic CDS archive. A new build of a
 * service is extracted afresh (ServiceJars), without an archive, and makes its own. A JVM that cannot use an
 * archive starts without it.
 */
final class ClassSharing {

    private ClassSharing() {
    }

    static String optionsFor(Path applicationJar) {
        Path folder = applicationJar.getParent();
        if (Runtime.version().feature() >= 25) {
            Path cache = folder.resolve("application.aot");
            return Files.isRegularFile(cache) ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache;
        }
        Path archive = folder.resolve("application.jsa");
        return Files.isRegularFile(archive)
                ? "-XX:SharedArchiveFile=" + archive + " -Xshare:auto"
                : "-XX:ArchiveClassesAtExit=" + archive;
    }
}
