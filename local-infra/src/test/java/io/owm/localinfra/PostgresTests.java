package io.owm.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTests {

    @Test
    void theEmbeddedServerRunsWithTheBufferCacheItWasGiven(@TempDir Path work) throws SQLException {
        try (Postgres postgres = Postgres.startEmbedded(work.resolve("postgres"), FreePorts.next(), false, "24MB")) {
            assertThat(setting(postgres, "shared_buffers")).isEqualTo("24MB");
        }
    }

    @Test
    void withoutOneItRunsWithPostgresqlsDefault(@TempDir Path work) throws SQLException {
        try (Postgres postgres = Postgres.startEmbedded(work.resolve("postgres"), FreePorts.next(), false)) {
            assertThat(setting(postgres, "shared_buffers")).isEqualTo(Postgres.DEFAULT_SHARED_BUFFERS);
        }
    }

    private static String setting(Postgres postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
                postgres.password());
                ResultSet result = connection.createStatement().executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
