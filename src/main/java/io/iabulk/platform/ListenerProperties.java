package io.iabulk.platform;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the modules' event listeners run, prefix {@code iabulk.platform.listeners}. Every event
 * between modules is stored with the transaction that caused it and handled after its commit, off
 * the request; these settings bound that work so that a burst of requests (a launch spike of
 * signups) is answered first and its follow-up work (emails, webhook rows, credits) catches up
 * behind it, instead of competing with it for the CPU and the connection pool.
 *
 * @param concurrency how many listeners run at once on this instance; the others wait in an
 *     in-memory queue (never the caller: a commit never waits for a listener). Their events are
 *     stored, so a crash loses none of them: they are handled again after the restart
 */
@Validated
@ConfigurationProperties("iabulk.platform.listeners")
public record ListenerProperties(
        @DefaultValue("6") @Min(1) @Max(256) int concurrency) {}
