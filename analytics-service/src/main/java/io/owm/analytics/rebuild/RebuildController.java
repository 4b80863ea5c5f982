package io.owm.analytics.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Starts a rebuild of the read model ({@code 202}, {@code 409} while one runs) and reports its progress. */
@RestController
class RebuildController {

    private final Rebuild rebuild;

    RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/v1/panel/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStatus start() {
        return rebuild.start();
    }

    @GetMapping("/api/v1/panel/rebuild")
    RebuildStatus status() {
        return rebuild.status();
    }
}
