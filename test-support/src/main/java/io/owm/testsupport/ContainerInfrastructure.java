package io.owm.testsupport;

import io.owm.localinfra.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL from Testcontainers, on the images docker-compose.yml runs ({@code KAFKA_IMAGE} and
 * {@code POSTGRES_IMAGE} override them, as they do for compose).
 */
public final class ContainerInfrastructure implements AutoCloseable {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String POSTGRES_IMAGE = "postgres:17";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static boolean dockerAnswers() {
        if (!mayHaveDocker()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /*
     * Where nothing points at a Docker engine, asking Testcontainers would only log its search for one as an error
     * in every test JVM.
     */
    private static boolean mayHaveDocker() {
        Path home = Path.of(System.getProperty("user.home"));
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(home.resolve(".docker/run/docker.sock"))
                || Files.exists(home.resolve(".testcontainers.properties"));
    }

    /** Starts both containers; fails with a message that names the choice when no Docker engine answers. */
    public static ContainerInfrastructure start() {
        if (!dockerAnswers()) {
            throw new IllegalStateException(InfraChoice.VARIABLE + "=testcontainers, but no Docker engine answers;"
                    + " unset it to use the embedded broker and database");
        }
        KafkaContainer kafka = new KafkaContainer(System.getenv().getOrDefault("KAFKA_IMAGE", KAFKA_IMAGE));
        PostgreSQLContainer postgres = new PostgreSQLContainer(
                System.getenv().getOrDefault("POSTGRES_IMAGE", POSTGRES_IMAGE));
        kafka.start();
        postgres.start();
        return new ContainerInfrastructure(kafka, postgres);
    }

    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** The container's server, reached like any running PostgreSQL. */
    public Postgres postgres() {
        return Postgres.external(postgres.getHost(), postgres.getMappedPort(5432), postgres.getUsername(),
                postgres.getPassword());
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
