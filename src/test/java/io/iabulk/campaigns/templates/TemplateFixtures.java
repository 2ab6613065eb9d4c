package io.iabulk.campaigns.templates;

import io.iabulk.campaigns.CampaignsProperties;
import java.time.Duration;

/** A template compiler without a Spring context, for unit tests and the benchmarks of other packages. */
public final class TemplateFixtures {

    private TemplateFixtures() {}

    public static TemplateCompiler compiler() {
        return new TemplateCompiler(new CampaignsProperties(
                "x@example.com", 100, Duration.ofSeconds(1), CampaignsProperties.UnsubscribeFooterMode.APPEND));
    }
}
