package io.owm.gateway.chat;

import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatStarted;
import io.owm.gateway.billing.BillingClient;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The function API that OpenWebUI filter functions call at the start and the end of every chat. The body is
 * taken as bytes and parsed by {@link RequestWork}, which keeps large bodies off the event loop.
 */
@RestController
@RequestMapping(path = "/api/v1", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
class FunctionController {

    private final BillingClient billing;
    private final TokenCounter tokenCounter;
    private final FunctionAnswers answers;
    private final RequestWork work;

    FunctionController(BillingClient billing, TokenCounter tokenCounter, FunctionAnswers answers, RequestWork work) {
        this.billing = billing;
        this.tokenCounter = tokenCounter;
        this.answers = answers;
        this.work = work;
    }

    @PostMapping("/inlet")
    Mono<Map<String, Object>> inlet(@RequestBody byte[] body) {
        return work.on(body, ChatRequestParser::inlet).flatMap(chat -> {
            ChatStarted event = new ChatStarted(UUID.randomUUID(), Instant.now(), RequestKeys.inlet(chat),
                    chat.user(), chat.model(), chat.chat(), chat.task());
            return billing.request(event, ChatAdmitted.class)
                    .map(reply -> reply.map(answers::admitted)
                            .orElseGet(() -> answers.inletPending(chat.user().id())));
        });
    }

    @PostMapping("/outlet")
    Mono<Map<String, Object>> outlet(@RequestBody byte[] body) {
        return work.on(body, json -> {
            ChatRequest chat = ChatRequestParser.outlet(json);
            return new Outlet(chat, tokenCounter.measure(chat.messages()), RequestKeys.outlet(chat));
        }).flatMap(outlet -> {
            ChatRequest chat = outlet.chat();
            OutletUsage usage = outlet.usage();
            ChatCompleted event = new ChatCompleted(UUID.randomUUID(), Instant.now(), outlet.requestKey(),
                    chat.user(), chat.model(), chat.chat(), usage.input(), usage.output(), usage.estimated(),
                    usage.usageDigest(), usage.replyTokens());
            return billing.request(event, ChatCharged.class)
                    .map(reply -> reply.map(answers::charged)
                            .orElseGet(() -> answers.outletPending(chat.user().id(), usage)));
        });
    }

    /** An outlet as read, metered and keyed, off the event loop when it is large. */
    private record Outlet(ChatRequest chat, OutletUsage usage, String requestKey) {
    }
}
