package io.iabulk.dashboard.web;

/**
 * An HTML error page of the participant pages.
 *
 * @param title the document title
 * @param linkPath where the person can go next (null for no link)
 * @param reference the request id to quote when reporting a failure on our side (null otherwise)
 */
record ErrorPage(String title, String heading, String message, String linkPath, String linkText, String reference) {}
