package io.owm.gateway.chat;

import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatStarted;
import io.owm.gateway.billing.BillingClient;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The function API that OpenWebUI filter functions call at the start and the end of every chat. */
@RestController
@RequestMapping("/api/v1")
class FunctionController {

    private final BillingClient billing;
    private final TokenCounter tokenCounter;
    private final FunctionAnswers answers;

    FunctionController(BillingClient billing, TokenCounter tokenCounter, FunctionAnswers answers) {
        this.billing = billing;
        this.tokenCounter = tokenCounter;
        this.answers = answers;
    }

    @PostMapping("/inlet")
    Mono<Map<String, Object>> inlet(@RequestBody JsonNode request) {
        ChatRequest chat = ChatRequestParser.inlet(request);
        ChatStarted event = new ChatStarted(UUID.randomUUID(), Instant.now(), RequestKeys.inlet(chat), chat.user(),
                chat.model(), chat.chat(), chat.task());
        return billing.request(event, ChatAdmitted.class)
                .map(reply -> reply.map(answers::admitted).orElseGet(() -> answers.inletPending(chat.user().id())));
    }

    @PostMapping("/outlet")
    Mono<Map<String, Object>> outlet(@RequestBody JsonNode request) {
        ChatRequest chat = ChatRequestParser.outlet(request);
        Tokens tokens = ReportedUsage.of(chat.lastMessage()).orElseGet(() -> tokenCounter.count(chat.messages()));
        ChatCompleted event = new ChatCompleted(UUID.randomUUID(), Instant.now(), RequestKeys.outlet(chat),
                chat.user(), chat.model(), chat.chat(), tokens.input(), tokens.output(), tokens.estimated());
        return billing.request(event, ChatCharged.class)
                .map(reply -> reply.map(answers::charged)
                        .orElseGet(() -> answers.outletPending(chat.user().id(), tokens)));
    }
}
