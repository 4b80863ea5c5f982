package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedJvmTests {

    @Test
    void fromAClassPathTheChildRunsTheDevstackWithTheBoundsFirstAndTheCallersOwnOptionsAfterThem() {
        List<String> command = BoundedJvm.command(Path.of("/opt/jdk"), " -Xmx384m  -XX:+UseSerialGC ",
                List.of("-Xmx1g", "-Dfoo=bar"), "/x/classes:/x/lib.jar", new String[] {"--a"});

        assertThat(command).containsExactly("/opt/jdk/bin/java", "-Xmx384m", "-XX:+UseSerialGC", "-Xmx1g",
                "-Dfoo=bar", "-D" + BoundedJvm.CHILD_PROPERTY + "=true", "-cp", "/x/classes:/x/lib.jar",
                "io.owm.devstack.Main", "--a");
    }

    @Test
    void theDevstacksOwnJarIsRunAsAJarSinceItNestsItsLibraries() {
        assertThat(BoundedJvm.command(Path.of("/opt/jdk"), "-Xmx384m", List.of(), "target/devstack.jar",
                new String[0])).endsWith("-jar", "target/devstack.jar");
    }

    @Test
    void optionsComeFromTheEnvironmentAndDefaultToBoundedSerialGc() {
        assertThat(BoundedJvm.options(Map.of(), 17)).isEqualTo(BoundedJvm.DEFAULT_OPTIONS).contains("-Xmx");
        assertThat(BoundedJvm.options(Map.of("OWM_DEVSTACK_JVM_OPTS", "  "), 17))
                .isEqualTo(BoundedJvm.DEFAULT_OPTIONS);
        assertThat(BoundedJvm.options(Map.of("OWM_DEVSTACK_JVM_OPTS", "-Xmx1g"), 17)).isEqualTo("-Xmx1g");
    }

    @Test
    void onJava25TheDefaultsAddCompactObjectHeadersButAUsersOptionsStandAlone() {
        assertThat(BoundedJvm.options(Map.of(), 25)).startsWith(BoundedJvm.DEFAULT_OPTIONS)
                .endsWith(" " + JavaChoice.COMPACT_HEADERS);
        assertThat(BoundedJvm.options(Map.of("OWM_DEVSTACK_JVM_OPTS", "-Xmx1g"), 25)).isEqualTo("-Xmx1g");
    }

    @Test
    void onlyAJvmStartedAsTheChildIsOne() {
        assertThat(BoundedJvm.isChild()).isFalse();
        System.setProperty(BoundedJvm.CHILD_PROPERTY, "true");
        try {
            assertThat(BoundedJvm.isChild()).isTrue();
        } finally {
            System.clearProperty(BoundedJvm.CHILD_PROPERTY);
        }
    }
}
