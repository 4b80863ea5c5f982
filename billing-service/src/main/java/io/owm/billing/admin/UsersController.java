package io.owm.billing.admin;

import io.owm.contracts.Money;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The users part of the admin API; the gateway checks {@code ACCESS_TOKEN} before routing here. The list, the
 * balance PUT, DELETE and PATCH keep the original app's paths and shapes; adjustments and the ledger are new.
 */
@RestController
@RequestMapping("/api/v1/users")
class UsersController {

    private static final int MAX_NOTE_LENGTH = 500;

    private final UserDirectory directory;
    private final AccountAdministration administration;

    UsersController(UserDirectory directory, AccountAdministration administration) {
        this.directory = directory;
        this.administration = administration;
    }

    @GetMapping
    Mono<UserPage> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize,
            @RequestParam(required = false) String sortField,
            @RequestParam(required = false) String sortOrder,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) String deleted) {
        return directory.list(UserListQuery.of(page, pageSize, sortField, sortOrder, search, deleted));
    }

    @GetMapping("/{id}")
    Mono<UserView> one(@PathVariable String id) {
        return directory.find(id);
    }

    /** {@code {"balance": 12.5}} sets the balance; the ledger records the difference as {@code ADMIN_SET}. */
    @PutMapping("/{id}/balance")
    Mono<UserView> setBalance(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "X-Owm-Actor", required = false) String actor,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        AdminContext context = AdminContext.of(actor, idempotencyKey);
        return administration.setBalance(id, AdminRequestBody.parse(body).number("balance"), context)
                .then(directory.find(id));
    }

    /**
     * {@code {"amount": 5, "note": "invoice 42"}} adds (or, negative, subtracts) an amount. Send an
     * {@code Idempotency-Key} header so that a retried top-up is applied once.
     */
    @PostMapping("/{id}/adjustments")
    Mono<BalanceChange> adjust(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "X-Owm-Actor", required = false) String actor,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        AdminContext context = AdminContext.of(actor, idempotencyKey);
        AdminRequestBody request = AdminRequestBody.parse(body);
        return administration.adjust(id, request.number("amount"), request.optionalText("note", MAX_NOTE_LENGTH),
                        context)
                .flatMap(change -> directory.find(id).map(user -> new BalanceChange(user, Money.plain(change.amount()),
                        Money.plain(change.balanceAfter()), change.note(), change.replayed())));
    }

    /**
     * Blocks the user, as the original's delete does: their inlets answer {@code balance: -1}. Answers the
     * original's {@code {success: true}} with the user's fields beside it.
     */
    @DeleteMapping("/{id}")
    Mono<Map<String, Object>> block(@PathVariable String id,
            @RequestHeader(name = "X-Owm-Actor", required = false) String actor) {
        return administration.setBlocked(id, true, AdminContext.of(actor, null)).then(directory.find(id))
                .map(UserView::asChangeAnswer);
    }

    /**
     * {@code {"deleted": false}} restores a blocked user, {@code true} blocks. Answers the original's
     * {@code {success: true, user}}, with the user's fields also at the top level.
     */
    @PatchMapping("/{id}")
    Mono<Map<String, Object>> setDeleted(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "X-Owm-Actor", required = false) String actor) {
        boolean deleted = AdminRequestBody.parse(body).bool("deleted");
        return administration.setBlocked(id, deleted, AdminContext.of(actor, null)).then(directory.find(id))
                .map(UserView::asChangeAnswer);
    }

    @GetMapping("/{id}/ledger")
    Mono<LedgerPage> ledger(@PathVariable String id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize) {
        return directory.ledger(id, PageRequest.of(page, pageSize));
    }
}
