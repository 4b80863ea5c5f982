package io.owm.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where the tests' Kafka and PostgreSQL come from. {@code OWM_TEST_INFRA=embedded} or {@code testcontainers}
 * decides; unset, Testcontainers is taken when a Docker engine answers (the images compose runs), the embedded
 * broker and database otherwise (a JDK is all a newcomer needs).
 */
public enum InfraChoice {

    EMBEDDED, TESTCONTAINERS;

    static final String VARIABLE = "OWM_TEST_INFRA";

    /** The choice for this environment; {@code dockerAnswers} is asked only when the variable leaves it open. */
    public static InfraChoice from(Map<String, String> env, BooleanSupplier dockerAnswers) {
        String asked = env.getOrDefault(VARIABLE, "").trim().toLowerCase(Locale.ROOT);
        return switch (asked) {
            case "embedded" -> EMBEDDED;
            case "testcontainers" -> TESTCONTAINERS;
            case "" -> dockerAnswers.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
            default -> throw new IllegalArgumentException(
                    VARIABLE + " must be 'embedded' or 'testcontainers', not '" + asked + "'");
        };
    }

    /** The choice for this JVM's environment. */
    public static InfraChoice current() {
        return from(System.getenv(), ContainerInfrastructure::dockerAnswers);
    }
}
