/**
 * The shared edge: problem details, request id and timing headers, API keys, rate limiting, client
 * addresses, runtime mode and the clock. Every other module may depend on it; it depends on none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.iabulk.platform;
