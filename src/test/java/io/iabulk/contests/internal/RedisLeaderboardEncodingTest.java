package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sorted-set encoding must order exactly like {@link Standing#ORDER} and decode losslessly. */
class RedisLeaderboardEncodingTest {

    record Encoded(double score, byte[] member) {}

    // Redis orders by score, then by member bytes (memcmp)
    private static final Comparator<Encoded> REDIS =
            Comparator.comparingDouble(Encoded::score).thenComparing(Encoded::member, Arrays::compareUnsigned);

    @Test
    void encodingOrdersLikeTheLeaderboard() {
        List<Standing> standings = List.of(
                new Standing(1, 0, 0, 1_700_000_000_000L),
                new Standing(2, 2_000_000, 7, 1_700_000_000_001L),
                new Standing(3, 5, 2_000_000_000, 1_600_000_000_000L),
                new Standing(4, 5, 2_000_000_000, 1_600_000_000_000L),
                new Standing(5, 5, 1_999_999_999, 1L),
                new Standing(6, 6, 0, 1_800_000_000_000L));

        List<Standing> byRedis = standings.stream()
                .sorted(Comparator.comparing(s -> encode(s), REDIS))
                .toList();

        assertThat(byRedis).isEqualTo(standings.stream().sorted(Standing.ORDER).toList());
    }

    @Test
    void decodesWhatItEncodes() {
        Standing s = new Standing(123_456_789L, 2_097_151, Integer.MAX_VALUE, 1_764_000_000_123L);
        Encoded e = encode(s);

        assertThat(RedisLeaderboard.decode(e.member(), e.score())).isEqualTo(s);
    }

    private static Encoded encode(Standing s) {
        return new Encoded(RedisLeaderboard.score(s), RedisLeaderboard.member(s));
    }
}
