package io.owm.servicehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePlanTests {

    @TempDir
    Path dir;

    @Test
    void servicesKeepTheirOrderLibrariesAndOwnEnvironment() throws IOException {
        Path billing = Files.createFile(dir.resolve("billing.jar"));
        Path gateway = Files.createFile(dir.resolve("gateway.jar"));
        String text = "services = billing, gateway\n"
                + "billing.application = " + billing + "\n"
                + "billing.libraries = /a.jar" + File.pathSeparator + "/b.jar\n"
                + "billing.env.SERVER_PORT = 7881\n"
                + "billing.env.API_KEY = k=with\\:odd chars\n"
                + "gateway.application = " + gateway + "\n"
                + "gateway.env.SERVER_PORT = 7878\n";

        ServicePlan plan = ServicePlan.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(plan.services()).extracting(ServicePlan.Service::name).containsExactly("billing", "gateway");
        ServicePlan.Service first = plan.services().get(0);
        assertThat(first.libraries()).containsExactly(Path.of("/a.jar"), Path.of("/b.jar"));
        assertThat(first.environment()).containsOnly(
                org.assertj.core.api.Assertions.entry("SERVER_PORT", "7881"),
                org.assertj.core.api.Assertions.entry("API_KEY", "k=with:odd chars"));
        assertThat(plan.services().get(1).libraries()).isEmpty();
        assertThat(plan.services().get(1).environment()).containsOnlyKeys("SERVER_PORT");
    }

    @Test
    void aPlanWithoutServicesOrWithAMissingJarIsRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> ServicePlan.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no services");
        assertThatThrownBy(() -> ServicePlan.read(stream("services=billing\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing.application");
        assertThatThrownBy(() -> ServicePlan.read(stream("services=billing\nbilling.application="
                + dir.resolve("missing.jar") + "\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a file");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
