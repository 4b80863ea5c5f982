package io.owm.billing.support;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A BEGIN that fails can never be followed by a commit that reports success. */
class PipelinedBeginTests {

    @Test
    void aFailedBeginIsRaisedAtCommitAndNoCommitIsSent() {
        Connection broken = mock(Connection.class);
        when(broken.beginTransaction()).thenReturn(Mono.error(new R2dbcNonTransientResourceException("BEGIN failed")));
        when(broken.commitTransaction()).thenReturn(Mono.empty());
        Connection connection = new PipelinedBegin.PipelinedConnection(broken);

        StepVerifier.create(Mono.from(connection.beginTransaction())).verifyComplete();
        StepVerifier.create(Mono.from(connection.commitTransaction()))
                .expectErrorMessage("BEGIN failed")
                .verify();
        verify(broken, never()).commitTransaction();
    }

    @Test
    void aFailedBeginStillLetsTheTransactionBeRolledBack() {
        Connection broken = mock(Connection.class);
        when(broken.beginTransaction()).thenReturn(Mono.error(new R2dbcNonTransientResourceException("BEGIN failed")));
        when(broken.rollbackTransaction()).thenReturn(Mono.empty());
        Connection connection = new PipelinedBegin.PipelinedConnection(broken);

        StepVerifier.create(Mono.from(connection.beginTransaction())).verifyComplete();
        StepVerifier.create(Mono.from(connection.rollbackTransaction())).verifyComplete();
        verify(broken).rollbackTransaction();
    }
}
