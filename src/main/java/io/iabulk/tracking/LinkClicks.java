package io.iabulk.tracking;

/**
 * A link of a campaign and how many distinct human recipients clicked it.
 *
 * @param url the link's URL (the first seen for its position, when links are personalised)
 * @param clicks distinct human recipients who clicked it
 */
public record LinkClicks(String url, long clicks) {}
