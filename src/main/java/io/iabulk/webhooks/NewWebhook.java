package io.iabulk.webhooks;

import java.util.List;

/**
 * A webhook to create (validated by {@link WebhookService#create}).
 *
 * @param url where the events are POSTed: https (http only where private addresses are allowed)
 * @param events the wire names of the event types to receive, at least one, no repeats
 * @param secret the signing key; null to have one generated (shown once)
 */
public record NewWebhook(String url, List<String> events, String secret) {}
