package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaChoiceTests {

    @TempDir
    Path jvms;

    @Test
    void startedOnAnOlderJavaTheNewestInstalledJdkFrom25OnIsChosen() throws IOException {
        JavaChoice.Jdk running = jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("temurin-25-jdk-amd64", "25.0.3");
        JavaChoice.Jdk newest = jdk("jdk-26", "26");
        jdk("jdk-27-without-java", "27").java().toFile().delete();

        assertThat(JavaChoice.choose(Map.of(), running, List.of(jvms), true)).isEqualTo(newest);
    }

    @Test
    void aJvmPerServiceStaysOnTheRunningJavaUnlessOneIsNamed() throws IOException {
        JavaChoice.Jdk running = jdk("java-17-openjdk-amd64", "17.0.15");
        JavaChoice.Jdk jdk25 = jdk("temurin-25-jdk-amd64", "25.0.3");

        assertThat(JavaChoice.choose(Map.of(), running, List.of(jvms), false)).isEqualTo(running);
        assertThat(JavaChoice.choose(Map.of(JavaChoice.JAVA_HOME_VARIABLE, jdk25.home().toString()), running,
                List.of(jvms), false)).isEqualTo(jdk25);
    }

    @Test
    void withoutAJdkFrom25OnTheRunningJavaStays() throws IOException {
        JavaChoice.Jdk running = jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("java-21-openjdk-amd64", "21.0.5");
        jdk("java-8-openjdk-amd64", "1.8.0_412");
        Files.createDirectories(jvms.resolve("not-a-jdk"));

        assertThat(JavaChoice.choose(Map.of(), running, List.of(jvms, jvms.resolve("missing")), true))
                .isEqualTo(running);
    }

    @Test
    void aRunningJava25OrLaterIsKeptEvenWhenANewerOneIsInstalled() throws IOException {
        JavaChoice.Jdk running = jdk("temurin-25-jdk-amd64", "25.0.3");
        jdk("jdk-26", "26.0.1");

        assertThat(JavaChoice.choose(Map.of(), running, List.of(jvms), true)).isEqualTo(running);
    }

    @Test
    void theVariableNamesTheJavaWhateverItsVersion() throws IOException {
        JavaChoice.Jdk running = jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("temurin-25-jdk-amd64", "25.0.3");

        assertThat(JavaChoice.choose(Map.of(JavaChoice.JAVA_HOME_VARIABLE, running.home().toString()), running,
                List.of(jvms), true)).isEqualTo(running);
    }

    @Test
    void aVariableThatNamesNoJavaIsRefusedWithWhatIsMissing() {
        JavaChoice.Jdk running = new JavaChoice.Jdk(jvms.resolve("running"), 17);
        Path empty = jvms.resolve("empty");

        assertThatThrownBy(() -> JavaChoice.choose(Map.of(JavaChoice.JAVA_HOME_VARIABLE, empty.toString()), running,
                List.of(), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(JavaChoice.JAVA_HOME_VARIABLE).hasMessageContaining("bin");
    }

    @Test
    void macOsJdksAreFoundInTheirContentsHome() throws IOException {
        JavaChoice.Jdk running = jdk("java-17", "17.0.15");
        JavaChoice.Jdk mac = jdkAt(jvms.resolve("temurin-25.jdk").resolve("Contents").resolve("Home"), "25.0.1");

        assertThat(JavaChoice.choose(Map.of(), running, List.of(jvms), true)).isEqualTo(mac);
    }

    @Test
    void theVersionIsTheFeatureNumberOfTheReleaseFile() throws IOException {
        assertThat(JavaChoice.versionOf(jdk("a", "25.0.3").home())).contains(25);
        assertThat(JavaChoice.versionOf(jdk("b", "26-ea").home())).contains(26);
        assertThat(JavaChoice.versionOf(jdk("c", "1.8.0_412").home())).contains(8);
        assertThat(JavaChoice.versionOf(jvms.resolve("none"))).isEmpty();
    }

    @Test
    void theRunningJavaIsFoundInTheUsualPlacesAndOnlyJava25GetsCompactHeaders() {
        Path home = Path.of(System.getProperty("java.home"));
        assertThat(JavaChoice.usualPlaces(home)).first().isEqualTo(home.getParent());
        assertThat(JavaChoice.installed(JavaChoice.usualPlaces(home))).extracting(JavaChoice.Jdk::home)
                .contains(home);
        assertThat(JavaChoice.defaultOptionsFor(21)).isEmpty();
        assertThat(JavaChoice.defaultOptionsFor(25)).isEqualTo(" " + JavaChoice.COMPACT_HEADERS);
    }

    private JavaChoice.Jdk jdk(String name, String version) throws IOException {
        return jdkAt(jvms.resolve(name), version);
    }

    private static JavaChoice.Jdk jdkAt(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return new JavaChoice.Jdk(home, JavaChoice.versionOf(home).orElseThrow());
    }
}
