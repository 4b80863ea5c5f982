package io.owm.analytics.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.owm.analytics.projection.ReadModel;
import io.owm.contracts.Money;
import io.owm.contracts.backup.BackupRecords;
import io.owm.contracts.backup.JsonStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analytics' part of backups, for the gateway only ({@code /internal} is not routed): the usage records, streamed
 * out, and taken in with their rollups in one transaction (rolled back for a dry run). A record's key is its
 * charge's event id; the original app's records ({@code original:<id>:<user>:<time>}) get a UUID derived from that key, so the
 * same record imported twice is one record.
 */
@RestController
@RequestMapping("/internal")
class AnalyticsBackupController {

    private final DatabaseClient db;
    private final ReadModel readModel;
    private final TransactionalOperator transaction;
    private final JsonMapper json;

    AnalyticsBackupController(DatabaseClient db, ReadModel readModel, TransactionalOperator transaction,
            JsonMapper json) {
        this.db = db;
        this.readModel = readModel;
        this.transaction = transaction;
        this.json = json;
    }

    @GetMapping("/backup")
    ResponseEntity<Flux<DataBuffer>> export() {
        long[] count = {0};
        Flux<BackupRecords.UsageRecord> rows = db.sql("""
                        SELECT event_id, user_id, nickname, use_time, model_name, input_tokens, output_tokens, cost,
                               balance_after
                        FROM usage_records ORDER BY use_time, event_id
                        """)
                .map(row -> new BackupRecords.UsageRecord(row.get("event_id", UUID.class).toString(),
                        row.get("user_id", String.class), row.get("nickname", String.class),
                        row.get("use_time", OffsetDateTime.class), row.get("model_name", String.class),
                        row.get("input_tokens", Long.class), row.get("output_tokens", Long.class),
                        Money.plain(row.get("cost", BigDecimal.class)),
                        Money.plain(row.get("balance_after", BigDecimal.class))))
                .all()
                .doOnNext(r -> count[0]++);
        Flux<DataBuffer> body = JsonStream.text("{")
                .concatWith(JsonStream.array("usage_records", rows, json))
                .concatWith(Flux.defer(() -> JsonStream.text(",\"counts\":{\"usage_records\":" + count[0] + "}}")));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @PostMapping("/import")
    Mono<Map<String, Integer>> importPart(@RequestBody AnalyticsPart part,
            @RequestParam(defaultValue = "false") boolean dryRun) {
        List<BackupRecords.UsageRecord> records = part.usageRecords() == null ? List.of() : part.usageRecords();
        return transaction.execute(status -> {
                    if (dryRun) {
                        status.setRollbackOnly();
                    }
                    return Flux.fromIterable(records)
                            .concatMap(record -> readModel.importRecord(eventIdOf(record.key()), record))
                            .filter(Boolean::booleanValue)
                            .count()
                            .map(added -> Map.of("usage_records_added", added.intValue()));
                })
                .single();
    }

    /** This system's keys are event ids; any other key (the original's) maps to the same UUID every time. */
    static UUID eventIdOf(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException notAnEventId) {
            return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        }
    }

    record AnalyticsPart(@JsonProperty("usage_records")
            List<BackupRecords.UsageRecord> usageRecords) {
    }
}
