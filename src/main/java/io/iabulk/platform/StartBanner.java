package io.iabulk.platform;

import java.util.List;

/**
 * Lines a module adds to the banner the service prints once it has started (the demo contest's
 * signup page, say). The platform prints the banner and depends on no module, so the modules bring
 * their lines to it: a bean implementing this interface is asked once, after start-up.
 */
public interface StartBanner {

    /** The lines to show, in order; none when there is nothing to say. */
    List<Line> lines();

    /**
     * One line of the banner.
     *
     * @param label a short name, shown before a colon ({@code Demo contest})
     * @param value what it names, usually a URL
     */
    record Line(String label, String value) {}
}
