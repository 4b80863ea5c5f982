package io.owm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InfraChoiceTests {

    @Test
    void unsetTakesTestcontainersExactlyWhenADockerEngineAnswers() {
        assertThat(InfraChoice.from(Map.of(), () -> true)).isEqualTo(InfraChoice.TESTCONTAINERS);
        assertThat(InfraChoice.from(Map.of(), () -> false)).isEqualTo(InfraChoice.EMBEDDED);
        assertThat(InfraChoice.from(Map.of("OWM_TEST_INFRA", " "), () -> false)).isEqualTo(InfraChoice.EMBEDDED);
    }

    @Test
    void theVariableDecidesWithoutAskingDocker() {
        AtomicBoolean asked = new AtomicBoolean();
        assertThat(InfraChoice.from(Map.of("OWM_TEST_INFRA", "Testcontainers"), () -> asked.getAndSet(true)))
                .isEqualTo(InfraChoice.TESTCONTAINERS);
        assertThat(InfraChoice.from(Map.of("OWM_TEST_INFRA", "embedded"), () -> asked.getAndSet(true)))
                .isEqualTo(InfraChoice.EMBEDDED);
        assertThat(asked).isFalse();
    }

    @Test
    void anUnknownValueIsRefusedWithTheValuesItTakes() {
        assertThatThrownBy(() -> InfraChoice.from(Map.of("OWM_TEST_INFRA", "docker"), () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'embedded' or 'testcontainers'");
    }

    @Test
    void askingForTestcontainersWhereNoDockerEngineAnswersFailsSayingSo() {
        // This machine kind has a Docker client and no engine; where one answers, the containers start instead.
        if (ContainerInfrastructure.dockerAnswers()) {
            try (ContainerInfrastructure containers = ContainerInfrastructure.start()) {
                assertThat(containers.bootstrapServers()).isNotBlank();
            }
        } else {
            assertThatThrownBy(ContainerInfrastructure::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no Docker engine answers");
        }
    }
}
