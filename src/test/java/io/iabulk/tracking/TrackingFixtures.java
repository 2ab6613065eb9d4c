package io.iabulk.tracking;

import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.PublicUrls;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Tracking links without a Spring context or a database, for the benchmarks of other modules. */
public final class TrackingFixtures {

    private TrackingFixtures() {}

    /** The public URLs of a service at {@code publicUrl}. */
    public static PublicUrls urls(String publicUrl) {
        return new PublicUrls(
                new Binder(new MapConfigurationPropertySource(Map.of("iabulk.platform.public-url", publicUrl)))
                        .bindOrCreate("iabulk.platform", Bindable.of(PlatformProperties.class)));
    }

    /** Links signed with {@code secret} (none is read from the database). */
    public static TrackingLinks links(PublicUrls urls, String secret) {
        TrackingProperties properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("iabulk.tracking.secret", secret)))
                .bindOrCreate("iabulk.tracking", Bindable.of(TrackingProperties.class));
        return new TrackingLinks(urls, properties, null, Clock.systemUTC());
    }
}
