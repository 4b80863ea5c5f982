package io.owm.catalog;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Catalog settings.
 *
 * @param defaultInputPrice      USD per million input tokens for new models ({@code DEFAULT_MODEL_INPUT_PRICE})
 * @param defaultOutputPrice     USD per million output tokens ({@code DEFAULT_MODEL_OUTPUT_PRICE})
 * @param defaultPerMessagePrice USD per message, negative for token pricing ({@code DEFAULT_MODEL_PER_MSG_PRICE})
 * @param topicPartitions        partitions of the topics the catalog creates
 */
@ConfigurationProperties("owm.catalog")
public record CatalogProperties(
        BigDecimal defaultInputPrice,
        BigDecimal defaultOutputPrice,
        BigDecimal defaultPerMessagePrice,
        int topicPartitions) {
}
