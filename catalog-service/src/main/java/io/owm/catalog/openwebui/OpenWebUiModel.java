package io.owm.catalog.openwebui;

/**
 * A model as OpenWebUI lists it.
 *
 * @param baseModelId from {@code info.base_model_id}; null for a base model or when OpenWebUI sends no info
 */
public record OpenWebUiModel(String id, String name, String baseModelId, String imageUrl, String systemPrompt) {
}
