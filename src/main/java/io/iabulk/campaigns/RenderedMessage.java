package io.iabulk.campaigns;

/** A template rendered for one contact: what the preview shows and what delivery sends. */
public record RenderedMessage(String subject, String html, String text) {}
