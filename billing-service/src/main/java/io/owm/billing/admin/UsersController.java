package io.owm.billing.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The users part of the admin API; the gateway checks the admin token before routing here. */
@RestController
@RequestMapping("/api/v1/users")
class UsersController {

    private final UserDirectory directory;

    UsersController(UserDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    Mono<UserPage> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize,
            @RequestParam(required = false) String sortField,
            @RequestParam(required = false) String sortOrder,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Boolean deleted) {
        return directory.list(UserListQuery.of(page, pageSize, sortField, sortOrder, search, deleted));
    }
}
