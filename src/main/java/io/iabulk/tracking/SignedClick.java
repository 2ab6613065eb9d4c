package io.iabulk.tracking;

/**
 * What a click token carries, once its signature is checked.
 *
 * @param sendId the send the link was in
 * @param linkIndex the link's position among the tracked links of the message (0-based)
 * @param linkCount how many tracked links the message has (to recognise a scanner clicking all)
 * @param appendClickToken whether the redirect appends {@code iab_click} for conversions
 * @param url the signed target URL
 */
public record SignedClick(long sendId, int linkIndex, int linkCount, boolean appendClickToken, String url) {}
