/**
 * The campaign reports (summary, performance over time): read by the console's campaign pages as
 * well as the API.
 */
@org.springframework.modulith.NamedInterface("reports")
package io.iabulk.campaigns.reports;
