package io.owm.gateway.web;

import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper Boot would build, on a parser factory with a nesting limit. The body-size limit
 * ({@code OWM_MAX_BODY_SIZE}) bounds bytes, not depth: a few hundred kilobytes of {@code [[[[...} would otherwise
 * make the parser and every tree walk after it (token counting, request keys) recurse thousands of levels deep.
 * OpenWebUI bodies nest about ten levels (messages, content parts, tool calls, metadata), so 64 refuses nothing
 * real; a deeper body is answered 400 {@code invalid_json} as soon as the parser passes level 64.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

    static final int MAX_NESTING_DEPTH = 64;

    /** Replaces Boot's builder bean (same scope, same customizers in their order), so every JSON codec gets it. */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
