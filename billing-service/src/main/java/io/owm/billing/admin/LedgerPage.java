package io.owm.billing.admin;

import java.util.List;

/** A page of one user's ledger, newest first. */
record LedgerPage(List<LedgerEntryView> entries, long total, int page, int pageSize) {
}
