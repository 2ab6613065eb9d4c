package io.iabulk.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.tracking.TrackingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineRulesTest {

    private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Mobile/15E148";
    private static final Instant SENT = Instant.parse("2026-11-20T10:00:00Z");

    private final MachineRules rules = new MachineRules(new TrackingProperties.Machine(
            List.of("17.0.0.0/8"),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            List.of("Barracuda", "Mimecast", "Proofpoint", "python-requests", "curl/", "Go-http-client", "bot")));

    @Test
    void applesProxyIsItsNetworkWithTheBareMozillaAgent() {
        assertThat(rules.open("17.58.100.2", "Mozilla/5.0")).isEqualTo(MachineRules.APPLE_MPP);
        assertThat(rules.open("17.0.0.1", " mozilla/5.0 ")).isEqualTo(MachineRules.APPLE_MPP);
        assertThat(rules.open("17.255.255.255", null)).isEqualTo(MachineRules.APPLE_MPP);
        assertThat(rules.open("17.58.100.2", "")).isEqualTo(MachineRules.APPLE_MPP);
    }

    @Test
    void appleAddressesWithARealAgentAndOtherAddressesWithTheBareAgentArePeople() {
        assertThat(rules.open("17.58.100.2", SAFARI)).isNull();
        assertThat(rules.open("17.58.100.2", "Mozilla/5.0 (Macintosh)")).isNull();
        assertThat(rules.open("18.0.0.1", "Mozilla/5.0")).isNull();
        assertThat(rules.open("16.255.255.255", "Mozilla/5.0")).isNull();
        assertThat(rules.open("2001:db8::17", "Mozilla/5.0")).isNull();
        assertThat(rules.open("not-an-ip", "Mozilla/5.0")).isNull();
    }

    @Test
    void listedAgentsAreMachinesWhateverTheirCase() {
        assertThat(rules.open("192.0.2.1", "python-requests/2.31.0")).isEqualTo(MachineRules.USER_AGENT);
        assertThat(rules.open("192.0.2.1", "curl/8.5.0")).isEqualTo(MachineRules.USER_AGENT);
        assertThat(rules.open("192.0.2.1", "Mozilla/5.0 (compatible; Googlebot/2.1)"))
                .isEqualTo(MachineRules.USER_AGENT);
        assertThat(rules.open("192.0.2.1", "MIMECAST link scanner")).isEqualTo(MachineRules.USER_AGENT);
        assertThat(rules.open("192.0.2.1", "Go-http-client/1.1")).isEqualTo(MachineRules.USER_AGENT);
        assertThat(rules.open("192.0.2.1", SAFARI)).isNull();
        assertThat(rules.open("192.0.2.1", "curl")).as("only curl/ is listed").isNull();
    }

    @Test
    void aClickWithinTenSecondsOfAcceptanceIsTooFast() {
        assertThat(rules.click("192.0.2.1", SAFARI, SENT, SENT.plusMillis(9_999)))
                .isEqualTo(MachineRules.TOO_FAST);
        assertThat(rules.click("192.0.2.1", SAFARI, SENT, SENT.plusSeconds(10))).isNull();
        assertThat(rules.click("192.0.2.1", SAFARI, null, SENT)).isEqualTo(MachineRules.TOO_FAST);
        assertThat(rules.click("192.0.2.1", "curl/8", SENT, SENT.plusSeconds(3600)))
                .isEqualTo(MachineRules.USER_AGENT);
        assertThat(rules.click("17.1.1.1", "Mozilla/5.0", SENT, SENT.plusSeconds(3600)))
                .isEqualTo(MachineRules.APPLE_MPP);
    }

    @Test
    void aBlankEntryInTheAgentListFlagsNobody() {
        MachineRules blank = new MachineRules(new TrackingProperties.Machine(
                List.of("17.0.0.0/8"), Duration.ofSeconds(10), Duration.ofSeconds(2), List.of("", " ", "bot")));

        assertThat(blank.open("192.0.2.1", SAFARI)).isNull();
        assertThat(blank.open("192.0.2.1", "SomeBot/1.0")).isEqualTo(MachineRules.USER_AGENT);
    }
}
