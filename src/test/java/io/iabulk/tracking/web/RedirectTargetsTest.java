package io.iabulk.tracking.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectTargetsTest {

    @Test
    void theParameterJoinsTheQueryBeforeTheFragment() {
        assertThat(RedirectTargets.withParameter("https://a.test/p", "k", "v")).isEqualTo("https://a.test/p?k=v");
        assertThat(RedirectTargets.withParameter("https://a.test/p?x=1", "k", "v"))
                .isEqualTo("https://a.test/p?x=1&k=v");
        assertThat(RedirectTargets.withParameter("https://a.test/p?", "k", "v")).isEqualTo("https://a.test/p?k=v");
        assertThat(RedirectTargets.withParameter("https://a.test/p?x=1&", "k", "v"))
                .isEqualTo("https://a.test/p?x=1&k=v");
        assertThat(RedirectTargets.withParameter("https://a.test/p#top", "k", "v"))
                .isEqualTo("https://a.test/p?k=v#top");
        assertThat(RedirectTargets.withParameter("https://a.test/p?x=1#a?b", "k", "v"))
                .isEqualTo("https://a.test/p?x=1&k=v#a?b");
    }

    @Test
    void nonAsciiCharactersArePercentEncodedAsUtf8() {
        assertThat(RedirectTargets.asciiOnly("https://a.test/p?q=%C3%BC")).isEqualTo("https://a.test/p?q=%C3%BC");
        assertThat(RedirectTargets.asciiOnly("https://a.test/ü?q=a b")).isEqualTo("https://a.test/%C3%BC?q=a%20b");
    }
}
