package io.owm.billing.support;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Saves a database round trip per transaction: {@code BEGIN} goes out at once but is not waited for, so the
 * transaction's first statement follows it on the wire and both are answered together (as Npgsql does).
 *
 * <p>Why this is safe: PostgreSQL answers one connection's messages strictly in the order they came, and the
 * driver puts a request on the connection's queue the moment it is subscribed to, so the first statement always
 * runs after the {@code BEGIN}, inside the transaction. A {@code BEGIN} that fails takes the statements after it
 * down with it (a broken connection), and its error is raised again at commit, so a transaction whose start
 * failed can never report a commit. {@code PipelinedBeginIT} checks both.
 */
public final class PipelinedBegin implements ConnectionFactory, Wrapped<ConnectionFactory> {

    private final ConnectionFactory delegate;

    public PipelinedBegin(ConnectionFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).map(PipelinedConnection::new);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return delegate;
    }

    /** A connection whose {@code beginTransaction} completes once the BEGIN is queued, not once it is answered. */
    static final class PipelinedConnection implements Connection, Wrapped<Connection> {

        private final Connection delegate;
        private volatile Mono<Void> begun = Mono.empty();

        PipelinedConnection(Connection delegate) {
            this.delegate = delegate;
        }

        @Override
        public Publisher<Void> beginTransaction() {
            return sendBegin(delegate.beginTransaction());
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return sendBegin(delegate.beginTransaction(definition));
        }

        private Mono<Void> sendBegin(Publisher<Void> begin) {
            return Mono.defer(() -> {
                Mono<Void> sent = Mono.from(begin).cache();
                // Subscribing queues the BEGIN now; its answer (or error) is kept for commit to look at.
                sent.subscribe(ignored -> { }, error -> { });
                begun = sent;
                return Mono.empty();
            });
        }

        /** The BEGIN's outcome, once: a failed start fails the commit instead of passing for a transaction. */
        private Mono<Void> takeBegun() {
            return Mono.defer(() -> {
                Mono<Void> outcome = begun;
                begun = Mono.empty();
                return outcome;
            });
        }

        @Override
        public Publisher<Void> commitTransaction() {
            // Deferred: no COMMIT is even asked of the driver after a failed BEGIN, whatever its publishers do.
            return takeBegun().then(Mono.defer(() -> Mono.from(delegate.commitTransaction())));
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return takeBegun().onErrorResume(e -> Mono.empty())
                    .then(Mono.defer(() -> Mono.from(delegate.rollbackTransaction())));
        }

        @Override
        public Publisher<Void> close() {
            return takeBegun().onErrorResume(e -> Mono.empty()).then(Mono.from(delegate.close()));
        }

        @Override
        public Batch createBatch() {
            return delegate.createBatch();
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return delegate.createSavepoint(name);
        }

        @Override
        public Statement createStatement(String sql) {
            return delegate.createStatement(sql);
        }

        @Override
        public boolean isAutoCommit() {
            return delegate.isAutoCommit();
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return delegate.getMetadata();
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return delegate.getTransactionIsolationLevel();
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return delegate.releaseSavepoint(name);
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return delegate.rollbackTransactionToSavepoint(name);
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return delegate.setAutoCommit(autoCommit);
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return delegate.setLockWaitTimeout(timeout);
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return delegate.setStatementTimeout(timeout);
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
            return delegate.setTransactionIsolationLevel(level);
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return delegate.validate(depth);
        }

        @Override
        public Connection unwrap() {
            return delegate;
        }
    }
}
