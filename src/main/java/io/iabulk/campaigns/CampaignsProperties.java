package io.iabulk.campaigns;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the campaigns module, prefix {@code iabulk.campaigns}.
 *
 * @param defaultFrom the sender of transactional messages whose context names no {@code $from}
 * @param templateCacheSize how many compiled template versions one instance keeps
 * @param settingsTtl how long a renderer reuses a template's or campaign's row before reading it
 *     again (an edit reaches sends on other instances within this time)
 * @param unsubscribeFooter what happens to a campaign whose template has no visible unsubscribe link
 *     (ADR 0018): {@code append} a footer with one (the default), or {@code refuse} to start it
 */
@Validated
@ConfigurationProperties("iabulk.campaigns")
public record CampaignsProperties(
        @DefaultValue("IA Bulk <no-reply@iabulk.localhost>") @NotBlank
        String defaultFrom,

        @DefaultValue("1000") int templateCacheSize,
        @DefaultValue("2s") Duration settingsTtl,
        @DefaultValue("append") UnsubscribeFooterMode unsubscribeFooter) {

    /** What a campaign whose template has no visible unsubscribe link gets. */
    public enum UnsubscribeFooterMode {
        /** A footer with the link is added to each part that lacks one. */
        APPEND,
        /** Starting the campaign is refused (409) until the template has the link. */
        REFUSE
    }
}
