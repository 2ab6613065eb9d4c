package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.ContestsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FraudRulesTest {

    @TempDir
    Path dir;

    static ContestsProperties properties(int ipv4Prefix, Path extraFile, List<String> allowed) {
        return new ContestsProperties(
                new ContestsProperties.Confirmation(Duration.ofDays(7), Duration.ofMinutes(10), "x@example.com"),
                new ContestsProperties.Fraud(
                        new ContestsProperties.IpVelocity(true, 20, Duration.ofHours(1), ipv4Prefix, 64),
                        new ContestsProperties.DisposableDomains(true, extraFile, allowed),
                        new ContestsProperties.Risk(
                                true, 0.55, 0.3, 50, Duration.ofSeconds(30), Duration.ofHours(1), 3, 8, 24, 48)),
                new ContestsProperties.LeaderboardSettings(
                        Duration.ofMillis(250), Duration.ofMinutes(15), Duration.ofSeconds(2)),
                new ContestsProperties.RankDigest(
                        false, Duration.ofHours(1), Duration.ofDays(1), 500, Duration.ofMinutes(10)));
    }

    @Test
    void networksAreTheConfiguredPrefix() {
        FraudRules rules = new FraudRules(
                new DisposableDomains(properties(24, null, List.of())),
                null,
                properties(24, null, List.of()),
                Clock.systemUTC());

        assertThat(rules.networkOf("203.0.113.7")).isEqualTo(rules.networkOf("203.0.113.250"));
        assertThat(rules.networkOf("203.0.113.7")).isNotEqualTo(rules.networkOf("203.0.114.7"));
        assertThat(rules.networkOf("2001:db8:1:2::1")).isEqualTo(rules.networkOf("2001:db8:1:2:ffff::9"));
        assertThat(rules.networkOf("2001:db8:1:2::1")).isNotEqualTo(rules.networkOf("2001:db8:1:3::1"));
        assertThat(rules.networkOf("not-an-ip")).isNull();

        FraudRules perAddress = new FraudRules(
                new DisposableDomains(properties(32, null, List.of())),
                null,
                properties(32, null, List.of()),
                Clock.systemUTC());
        assertThat(perAddress.networkOf("203.0.113.7")).isNotEqualTo(perAddress.networkOf("203.0.113.8"));
    }

    @Test
    void bundledListCoversSubdomainsButNotTopLevelDomains() {
        DisposableDomains domains = new DisposableDomains(properties(24, null, List.of()));

        assertThat(domains.size()).isGreaterThanOrEqualTo(1_000);
        assertThat(domains.isDisposable("mailinator.com")).isTrue();
        assertThat(domains.isDisposable("Eu.Mailinator.COM")).isTrue();
        assertThat(domains.isDisposable("gmail.com")).isFalse();
        assertThat(domains.isDisposable("com")).isFalse();
    }

    @Test
    void anOperatorsFileExtendsTheListAndIsReReadWhenItChanges() throws IOException {
        Path file = dir.resolve("extra.txt");
        Files.writeString(file, "# ours\nburner.example\n");
        DisposableDomains domains = new DisposableDomains(properties(24, file, List.of("yopmail.com")));

        assertThat(domains.isDisposable("burner.example")).isTrue();
        assertThat(domains.isDisposable("yopmail.com"))
                .as("allowed wins over the list")
                .isFalse();

        Files.writeString(file, "other.example\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        domains.reloadIfChanged();

        assertThat(domains.isDisposable("burner.example")).isFalse();
        assertThat(domains.isDisposable("other.example")).isTrue();
    }
}
