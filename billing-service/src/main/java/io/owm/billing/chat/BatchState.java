package io.owm.billing.chat;

import io.owm.billing.plan.Allowances;
import io.owm.billing.plan.PlanBook;
import io.owm.billing.plan.UsageWindows;
import io.owm.billing.user.Account;
import io.owm.contracts.billing.ChatReply;
import java.util.List;
import java.util.Map;

/**
 * What a batch's transaction read under its users' row locks, before the rules run.
 *
 * @param accounts        the batch's users, locked (new ones registered in this transaction)
 * @param storedReplies   replies stored earlier under the batch's request keys
 * @param chargedMessages what was charged before for the batch's messages
 * @param openHolds       the open holds the batch's outlets may settle
 * @param plans           every plan and assignment
 * @param userGroups      the users' OpenWebUI groups (a user in none is absent)
 * @param grants          the users' recent grants of allowances
 * @param usage           the users' recent limit windows
 */
record BatchState(Map<String, Account> accounts, Map<String, ChatReply> storedReplies,
        Map<MessageKey, MessageCharge> chargedMessages, List<OpenHold> openHolds, PlanBook plans,
        Map<String, List<String>> userGroups, List<Allowances.Grant> grants,
        Map<UsageWindows.Key, UsageWindows.Usage> usage) {

    /** State for a batch under no plan. */
    BatchState(Map<String, Account> accounts, Map<String, ChatReply> storedReplies,
            Map<MessageKey, MessageCharge> chargedMessages, List<OpenHold> openHolds) {
        this(accounts, storedReplies, chargedMessages, openHolds, PlanBook.EMPTY, Map.of(), List.of(), Map.of());
    }
}
