package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackSettingsTests {

    @TempDir
    Path dir;

    @Test
    void theServicesShareOneJvmUnlessEachIsAskedForOrJsonLogsNeedIt() {
        assertThat(settings(Map.of()).sharedJvm()).isTrue();
        assertThat(settings(Map.of()).serviceJvmOptions()).startsWith(DevStackSettings.SHARED_JVM_OPTIONS);
        assertThat(settings(Map.of("OWM_DEVSTACK_SERVICES", "jvm-per-service")).sharedJvm()).isFalse();
        assertThat(settings(Map.of("OWM_DEVSTACK_SERVICES", "jvm-per-service")).serviceJvmOptions())
                .startsWith(DevStackSettings.SERVICE_JVM_OPTIONS);
        assertThat(settings(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")).sharedJvm()).isFalse();
        assertThat(settings(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs", "OWM_DEVSTACK_SERVICES",
                "shared-jvm")).sharedJvm()).isTrue();
        assertThat(settings(Map.of("OWM_SERVICE_JVM_OPTS", "-Xmx1g")).serviceJvmOptions()).isEqualTo("-Xmx1g");
    }

    @Test
    void theServicesDefaultsGainCompactObjectHeadersAndAFixedYoungGenerationOnJava25ButAUsersOptionsStandAlone() {
        assertThat(DevStackSettings.serviceJvmOptions(Map.of(), true, 17))
                .isEqualTo(DevStackSettings.SHARED_JVM_OPTIONS);
        assertThat(DevStackSettings.serviceJvmOptions(Map.of(), true, 25))
                .isEqualTo(DevStackSettings.SHARED_JVM_OPTIONS + " " + JavaChoice.COMPACT_HEADERS);
        assertThat(DevStackSettings.serviceJvmOptions(Map.of(), false, 17))
                .isEqualTo(DevStackSettings.SERVICE_JVM_OPTIONS);
        assertThat(DevStackSettings.serviceJvmOptions(Map.of(), false, 25))
                .isEqualTo(DevStackSettings.SERVICE_JVM_OPTIONS + " " + DevStackSettings.SERVICE_YOUNG_GENERATION_ON_25
                        + " " + JavaChoice.COMPACT_HEADERS);
        assertThat(DevStackSettings.serviceJvmOptions(Map.of("OWM_SERVICE_JVM_OPTS", "-Xmx1g"), false, 25))
                .isEqualTo("-Xmx1g");
        assertThat(DevStackSettings.serviceJvmOptions(Map.of("OWM_SERVICE_JVM_OPTS", "-Xmx1g"), true, 25))
                .isEqualTo("-Xmx1g");
        assertThat(DevStackSettings.serviceJvmOptions(Map.of("OWM_SERVICE_JVM_OPTS", " "), true, 17))
                .isEqualTo(DevStackSettings.SHARED_JVM_OPTIONS);
    }

    @Test
    void anUnknownWayToRunTheServicesIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> settings(Map.of("OWM_DEVSTACK_SERVICES", "one")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared-jvm").hasMessageContaining("jvm-per-service").hasMessageContaining("'one'");
    }

    @Test
    void postgresCacheIsThirtyTwoMegabytesUnlessGivenInMegabytesOrGigabytes() {
        assertThat(settings(Map.of()).postgresSharedBuffers()).isEqualTo("32MB");
        assertThat(settings(Map.of("OWM_POSTGRES_SHARED_BUFFERS", "128MB")).postgresSharedBuffers()).isEqualTo("128MB");
        assertThat(settings(Map.of("OWM_POSTGRES_SHARED_BUFFERS", " 1GB ")).postgresSharedBuffers()).isEqualTo("1GB");
        for (String wrong : new String[] {"128", "128mb", "4MB", "0GB", "-1GB", "128MB; fsync=off", "1.5GB"}) {
            assertThatThrownBy(() -> settings(Map.of("OWM_POSTGRES_SHARED_BUFFERS", wrong)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("OWM_POSTGRES_SHARED_BUFFERS").hasMessageContaining("'" + wrong + "'");
        }
    }

    private DevStackSettings settings(Map<String, String> given) {
        Map<String, String> env = new HashMap<>(given);
        env.put("OWM_DATA_DIR", dir.toString());
        return DevStackSettings.from(env);
    }
}
