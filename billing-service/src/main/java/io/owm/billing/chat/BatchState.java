package io.owm.billing.chat;

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
 */
record BatchState(Map<String, Account> accounts, Map<String, ChatReply> storedReplies,
        Map<MessageKey, MessageCharge> chargedMessages, List<OpenHold> openHolds) {
}
