package io.owm.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server: a real one from embedded binaries, or an existing server reached by host and port.
 * Each service gets a database of its own ({@link #ensureDatabase(String)}), as in production.
 */
public final class Postgres implements AutoCloseable {

    /** PostgreSQL's own default, what tests and benchmarks run with. */
    public static final String DEFAULT_SHARED_BUFFERS = "128MB";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private Postgres(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * Starts PostgreSQL from the embedded binaries.
     *
     * @param dataDir kept between starts when {@code keepData} is true, so balances survive a restart
     */
    public static Postgres startEmbedded(Path dataDir, int port, boolean keepData) {
        return startEmbedded(dataDir, port, keepData, DEFAULT_SHARED_BUFFERS);
    }

    /**
     * Starts PostgreSQL from the embedded binaries with a buffer cache of the given size ({@code shared_buffers},
     * for example {@code 32MB}): every page the server reads or writes stays in it, so under load the cache, not
     * the data, decides how much memory the server holds.
     */
    public static Postgres startEmbedded(Path dataDir, int port, boolean keepData, String sharedBuffers) {
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", sharedBuffers)
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                    .start();
            return new Postgres("127.0.0.1", pg.getPort(), "postgres", "", pg);
        } catch (IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    /** Uses a server that is already running, for example the one a CI machine provides. */
    public static Postgres external(String host, int port, String user, String password) {
        return new Postgres(host, port, user, password, null);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + jdbcUrl("postgres"), e);
        }
    }

    /** Drops and recreates a database: a clean slate for one test class. */
    public void recreateDatabase(String name) {
        ensureDatabase(name);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recreate database " + name, e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
