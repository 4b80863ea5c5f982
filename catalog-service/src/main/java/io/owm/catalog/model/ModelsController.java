package io.owm.catalog.model;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** The models part of the admin API; the gateway checks the admin token before routing here. */
@RestController
@RequestMapping("/api/v1/models")
class ModelsController {

    private final Models models;

    ModelsController(Models models) {
        this.models = models;
    }

    @GetMapping
    Flux<ModelView> list() {
        return models.all();
    }
}
