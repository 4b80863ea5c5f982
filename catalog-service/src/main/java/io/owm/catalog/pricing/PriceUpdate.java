package io.owm.catalog.pricing;

import java.math.BigDecimal;

/**
 * One model's requested prices; a null price is left as it is.
 *
 * @param perMessagePrice {@code >= 0} switches the model to per-message pricing; any negative value switches it
 *                        back to token pricing and is stored as -1
 */
record PriceUpdate(String id, BigDecimal inputPrice, BigDecimal outputPrice, BigDecimal perMessagePrice) {
}
