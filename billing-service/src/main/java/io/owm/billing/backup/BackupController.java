package io.owm.billing.backup;

import io.owm.contracts.backup.BackupRecords;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Billing's part of backups, for the gateway only: {@code /internal} paths are not routed by the gateway, and
 * the deployment's network policies keep everyone else off this port. The gateway validates a whole backup
 * before it sends any part here.
 */
@RestController
@RequestMapping("/internal")
class BackupController {

    private final BillingBackup backup;
    private final BillingImport importer;

    BackupController(BillingBackup backup, BillingImport importer) {
        this.backup = backup;
        this.importer = importer;
    }

    @GetMapping("/backup")
    ResponseEntity<Flux<DataBuffer>> export() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(backup.export());
    }

    @PostMapping("/import")
    Mono<ImportCounts> importPart(@RequestBody BillingPart part, @RequestParam(defaultValue = "false") boolean dryRun) {
        return importer.importAll(part.users() == null ? List.of() : part.users(),
                part.ledger() == null ? List.of() : part.ledger(), dryRun);
    }

    record BillingPart(List<BackupRecords.User> users, List<BackupRecords.LedgerEntry> ledger) {
    }
}
