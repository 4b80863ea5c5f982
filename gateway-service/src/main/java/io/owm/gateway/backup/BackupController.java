package io.owm.gateway.backup;

import io.owm.contracts.backup.JsonStream;
import io.owm.gateway.GatewayProperties;
import io.owm.gateway.backup.BackupServices.Part;
import io.owm.support.web.ErrorBody;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups through the admin API (the gateway checks {@code ACCESS_TOKEN}). The export streams the services'
 * parts one after the other into one JSON document. The import reads the whole file, checks every record, asks
 * every service for a dry run of its part, and only when all of that passed applies the parts: an invalid file
 * changes nothing. Each part is idempotent, so an import interrupted between parts is completed by running it
 * again.
 */
@RestController
@RequestMapping("/api/v1/panel/database")
class BackupController {

    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final BackupServices services;
    private final Clock clock;
    private final int maxImportBytes;

    BackupController(BackupServices services, Clock clock, GatewayProperties properties) {
        this.services = services;
        this.clock = clock;
        this.maxImportBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxImportSize().toBytes());
    }

    @GetMapping("/export")
    ResponseEntity<Flux<DataBuffer>> export() {
        Instant now = clock.instant();
        Flux<DataBuffer> document = text("{\"format\":\"" + BackupReader.FORMAT + "\",\"version\":"
                + BackupReader.VERSION + ",\"timestamp\":\"" + now + "\",\"billing\":")
                .concatWith(services.export(Part.BILLING))
                .concatWith(text(",\"catalog\":"))
                .concatWith(services.export(Part.CATALOG))
                .concatWith(text(",\"analytics\":"))
                .concatWith(services.export(Part.ANALYTICS))
                .concatWith(text("}"));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("openwebui-monitor-backup-" + FILE_TIME.format(now) + ".json").build().toString())
                .body(document);
    }

    /** {@code ?dryRun=true} answers what the import would change and changes nothing. */
    @PostMapping("/import")
    Mono<ResponseEntity<Map<String, Object>>> importBackup(ServerHttpRequest request,
            @RequestParam(defaultValue = "false") boolean dryRun) {
        return DataBufferUtils.join(request.getBody(), maxImportBytes)
                .map(BackupController::readJson)
                .defaultIfEmpty(EXACT.missingNode())
                .flatMap(root -> {
                    BackupProblems problems = new BackupProblems();
                    BackupContents contents = BackupReader.read(root, problems);
                    if (contents == null) {
                        return Mono.just(invalid(problems));
                    }
                    return apply(contents, true).flatMap(plan -> dryRun
                            ? Mono.just(ResponseEntity.ok(answer(contents, plan, true)))
                            : apply(contents, false).map(done -> ResponseEntity.ok(answer(contents, done, false))));
                })
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(error(HttpStatus.PAYLOAD_TOO_LARGE,
                        "payload_too_large", "The backup is larger than " + maxImportBytes / (1024 * 1024)
                                + " MB (owm.gateway.max-import-size)")))
                .onErrorResume(UnreadableBackupException.class, e -> Mono.just(error(HttpStatus.BAD_REQUEST,
                        "invalid_backup", e.getMessage())))
                .onErrorResume(BackupPartException.class, e -> Mono.just(error(HttpStatus.BAD_GATEWAY,
                        "import_part_failed", (dryRun ? "" : "Parts before " + e.part().name().toLowerCase()
                                + " may be imported already; importing the same file again completes it. ")
                                + e.getMessage())));
    }

    /** The parts in order; each waits for the one before, so a failure stops the rest. */
    private Mono<Map<String, JsonNode>> apply(BackupContents contents, boolean dryRun) {
        Map<String, JsonNode> counts = new LinkedHashMap<>();
        return services.importPart(Part.BILLING, Map.of("users", contents.users(), "ledger", contents.ledger()),
                        dryRun)
                .doOnNext(c -> counts.put("billing", c))
                .then(services.importPart(Part.CATALOG, Map.of("models", contents.models()), dryRun))
                .doOnNext(c -> counts.put("catalog", c))
                .then(services.importPart(Part.ANALYTICS, Map.of("usage_records", contents.usageRecords()), dryRun))
                .doOnNext(c -> counts.put("analytics", c))
                .thenReturn(counts);
    }

    private static Map<String, Object> answer(BackupContents contents, Map<String, JsonNode> counts, boolean dryRun) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("dryRun", dryRun);
        answer.put("format", contents.format());
        answer.put("message", (dryRun ? "Nothing changed; the import would apply " : "Imported ")
                + contents.users().size() + " users, " + contents.models().size() + " model prices and "
                + contents.usageRecords().size() + " usage records");
        answer.put("changes", counts);
        return answer;
    }

    private static ResponseEntity<Map<String, Object>> invalid(BackupProblems problems) {
        Map<String, Object> body = ErrorBody.of("invalid_backup", "The backup has " + problems.total()
                + " problem" + (problems.total() == 1 ? "" : "s") + "; nothing was imported");
        body.put("problems", problems.listed());
        body.put("problemCount", problems.total());
        return ResponseEntity.badRequest().body(body);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String type, String message) {
        return ResponseEntity.status(status).body(ErrorBody.of(type, message));
    }

    private static JsonNode readJson(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return EXACT.readTree(bytes);
        } catch (JacksonException e) {
            throw new UnreadableBackupException("The backup is not valid JSON: " + e.getOriginalMessage());
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static Flux<DataBuffer> text(String text) {
        return JsonStream.text(text);
    }

    static final class UnreadableBackupException extends RuntimeException {

        UnreadableBackupException(String message) {
            super(message);
        }
    }
}
