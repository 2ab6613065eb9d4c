package io.iabulk.platform;

/**
 * An endpoint that streams large request bodies itself (to a file, with its own size limit), so the
 * edge does not cap its body at {@code iabulk.platform.max-request-size}. A module declares one as
 * a bean per upload endpoint.
 *
 * @param path the exact request path, e.g. {@code /api/v1/contacts/imports}
 */
public record StreamedUploadEndpoint(String path) {}
