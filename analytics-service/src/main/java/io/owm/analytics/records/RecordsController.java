package io.owm.analytics.records;

import io.owm.analytics.web.Params;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Usage records of the admin API: filtered, sorted pages, and the same selection as a CSV download. */
@RestController
class RecordsController {

    /** The largest page; bigger selections are what the CSV export is for. */
    static final int MAX_PAGE_SIZE = 500;

    private static final String COLUMNS = "SELECT user_id, nickname, use_time, model_name, input_tokens,"
            + " output_tokens, cost, balance_after FROM usage_records";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final DatabaseClient db;

    RecordsController(DatabaseClient db) {
        this.db = db;
    }

    record RecordsPage(List<UsageRecord> records, long total) {
    }

    @GetMapping("/api/v1/panel/records")
    Mono<RecordsPage> records(@RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize, @RequestParam(required = false) String sortField,
            @RequestParam(required = false) String sortOrder, @RequestParam(required = false) String users,
            @RequestParam(required = false) String models, @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate) {
        int pageNumber = Params.integer("page", page, 1, 1, 1_000_000);
        int size = Params.integer("pageSize", pageSize, 10, 1, MAX_PAGE_SIZE);
        RecordQuery query = RecordQuery.parse(users, models, startDate, endDate, sortField, sortOrder);
        Mono<List<UsageRecord>> rows = query
                .bind(db.sql(COLUMNS + query.where() + query.orderBy() + " LIMIT :limit OFFSET :offset"))
                .bind("limit", size)
                .bind("offset", (long) (pageNumber - 1) * size)
                .map(RecordsController::record)
                .all().collectList();
        Mono<Long> total = query.bind(db.sql("SELECT count(*) AS total FROM usage_records" + query.where()))
                .map(row -> row.get("total", Long.class))
                .one();
        return Mono.zip(rows, total, RecordsPage::new);
    }

    /**
     * Streams the selection row by row: the database hands rows over in fetches of a thousand and each becomes a
     * line on the wire, so an export of years of history never sits in memory.
     */
    @GetMapping("/api/v1/panel/records/export")
    ResponseEntity<Flux<String>> export(@RequestParam(required = false) String sortField,
            @RequestParam(required = false) String sortOrder, @RequestParam(required = false) String users,
            @RequestParam(required = false) String models, @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate) {
        RecordQuery query = RecordQuery.parse(users, models, startDate, endDate, sortField, sortOrder);
        Flux<String> lines = query.bind(db.sql(COLUMNS + query.where() + query.orderBy()))
                .filter(statement -> statement.fetchSize(1000))
                .map(RecordsController::record)
                .all()
                .map(RecordsController::csvLine);
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage-records.csv\"")
                .body(Flux.concat(Flux.just(Csv.HEADER), lines));
    }

    private static UsageRecord record(Readable row) {
        return new UsageRecord(row.get("user_id", String.class), row.get("nickname", String.class),
                row.get("use_time", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                row.get("model_name", String.class), row.get("input_tokens", Long.class),
                row.get("output_tokens", Long.class), row.get("cost", BigDecimal.class).stripTrailingZeros(),
                row.get("balance_after", BigDecimal.class).stripTrailingZeros());
    }

    private static String csvLine(UsageRecord r) {
        return Csv.line(Csv.text(r.nickname() == null ? r.user_id() : r.nickname()),
                DateTimeFormatter.ISO_INSTANT.format(r.use_time()), Csv.text(r.model_name()),
                Long.toString(r.input_tokens()), Long.toString(r.output_tokens()), r.cost().toPlainString(),
                r.balance_after().toPlainString());
    }
}
