package io.owm.billing.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.owm.billing.BillingServiceTest;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Transactions whose BEGIN is not waited for are still transactions: atomic, and with every statement inside. */
class PipelinedBeginIT extends BillingServiceTest {

    @Autowired
    TransactionalOperator transaction;

    @Autowired
    ConnectionFactory connectionFactory;

    @BeforeEach
    void probeTable() {
        db.sql("CREATE TABLE IF NOT EXISTS pipelined_begin_probe (id text PRIMARY KEY)").then().block();
    }

    @Test
    void theFirstStatementAlreadyRunsInsideTheTransaction() {
        // Outside a transaction every statement gets a transaction id of its own; inside, all share one.
        List<List<String>> ids = Flux.range(0, 200)
                .concatMap(i -> Flux.concat(transactionId(), transactionId()).collectList().as(transaction::transactional))
                .collectList().block();

        assertThat(ids).hasSize(200).allSatisfy(pair -> assertThat(pair.get(0)).isEqualTo(pair.get(1)));
        assertThat(ids.stream().map(pair -> pair.get(0)).distinct()).hasSize(200);
    }

    @Test
    void aTransactionThatFailsLeavesNothingBehind() {
        String id = UUID.randomUUID().toString();
        Mono<Void> failing = insert(id).then(Mono.<Void>error(new IllegalStateException("fails after the write")))
                .as(transaction::transactional);

        assertThatIllegalStateException().isThrownBy(failing::block);
        assertThat(stored(id)).isFalse();
    }

    @Test
    void aTransactionThatSucceedsIsCommitted() {
        String id = UUID.randomUUID().toString();
        insert(id).as(transaction::transactional).block();

        assertThat(stored(id)).isTrue();
    }

    @Test
    void thePoolHandsOutPipelinedConnections() {
        assertThat(connectionFactory).isInstanceOf(ConnectionPool.class);
        Object pooled = Mono.usingWhen(connectionFactory.create(),
                connection -> Mono.just(((Wrapped<?>) connection).unwrap()), Connection::close).block();
        assertThat(pooled).isInstanceOf(PipelinedBegin.PipelinedConnection.class);
    }

    private Mono<String> transactionId() {
        return db.sql("SELECT pg_current_xact_id()::text AS id").map(row -> row.get("id", String.class)).one();
    }

    private Mono<Void> insert(String id) {
        return db.sql("INSERT INTO pipelined_begin_probe (id) VALUES (:id)").bind("id", id).then();
    }

    private boolean stored(String id) {
        return Boolean.TRUE.equals(db.sql("SELECT count(*) = 1 AS found FROM pipelined_begin_probe WHERE id = :id")
                .bind("id", id).map(row -> row.get("found", Boolean.class)).one().block());
    }
}
