package io.owm.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/** Every service with this module answers errors in the contract's shape ({@link ApiErrorAdvice}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(ApiErrorAdvice.class)
public class ApiErrorsAutoConfiguration {
}
