package io.owm.gateway.backup;

import io.owm.contracts.backup.BackupRecords;
import java.util.List;

/** A checked backup, in the parts that go to the services owning them. */
record BackupContents(
        String format,
        List<BackupRecords.User> users,
        List<BackupRecords.LedgerEntry> ledger,
        List<BackupRecords.Model> models,
        List<BackupRecords.UsageRecord> usageRecords) {
}
