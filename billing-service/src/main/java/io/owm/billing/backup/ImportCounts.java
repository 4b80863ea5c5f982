package io.owm.billing.backup;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an import changed (or, in a dry run, would change). Filled by one import, in its one transaction. */
final class ImportCounts {

    @JsonProperty("users_created")
    int usersCreated;
    @JsonProperty("users_updated")
    int usersUpdated;
    @JsonProperty("balances_changed")
    int balancesChanged;
    @JsonProperty("ledger_history_added")
    int historyAdded;

    boolean changedAnything() {
        return usersCreated + usersUpdated + balancesChanged + historyAdded > 0;
    }
}
