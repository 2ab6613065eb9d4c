package io.iabulk.contests.internal;

import io.iabulk.platform.ConditionalOnRedis;
import io.iabulk.platform.PlatformProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

/**
 * The leaderboard as one Redis sorted set per contest. The score packs referrals and points,
 * negated so that ascending order is best first: {@code -(referrals * 2^32 + points)}, exact in a
 * double while referrals stay below 2^21. Ties are ordered by the member, 16 bytes big-endian of
 * (signup millisecond, participant id), which Redis compares byte by byte: earlier signup first.
 * Writes use {@code ZADD LT}, so a late write of an older (worse) standing never wins.
 */
@Component
@ConditionalOnRedis
class RedisLeaderboard implements LeaderboardStore {

    private static final double SHIFT = 4294967296.0; // 2^32
    private static final int MAX_REFERRALS = (1 << 21) - 1;
    private static final int LOAD_BATCH = 2_000;

    private final RedisTemplate<byte[], byte[]> redis;
    private final String prefix;

    RedisLeaderboard(RedisConnectionFactory connections, PlatformProperties properties) {
        RedisTemplate<byte[], byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setEnableDefaultSerializer(false);
        template.setKeySerializer(RedisSerializer.byteArray());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        this.redis = template;
        this.prefix = properties.redis().keyPrefix() + "lb:";
    }

    @Override
    public void put(long contestId, Standing standing) {
        byte[] key = key(contestId);
        redis.execute((RedisCallback<Boolean>) c -> c.zSetCommands()
                .zAdd(key, score(standing), member(standing), ZAddArgs.empty().lt()));
    }

    @Override
    public List<Standing> top(long contestId, int limit) {
        byte[] key = key(contestId);
        Set<Tuple> tuples =
                redis.execute((RedisCallback<Set<Tuple>>) c -> c.zSetCommands().zRangeWithScores(key, 0, limit - 1));
        List<Standing> top = new ArrayList<>(tuples == null ? 0 : tuples.size());
        if (tuples != null) {
            for (Tuple tuple : tuples) {
                top.add(decode(tuple.getValue(), tuple.getScore()));
            }
        }
        return top;
    }

    @Override
    public OptionalLong rank(long contestId, Standing standing) {
        byte[] key = key(contestId);
        Long rank = redis.execute((RedisCallback<Long>) c -> c.zSetCommands().zRank(key, member(standing)));
        return rank == null ? OptionalLong.empty() : OptionalLong.of(rank + 1);
    }

    @Override
    public List<OptionalLong> ranks(long contestId, List<Standing> standings) {
        if (standings.isEmpty()) {
            return List.of();
        }
        byte[] key = key(contestId);
        // one pipelined round trip of ZRANKs for a whole batch of mails
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) c -> {
            for (Standing s : standings) {
                c.zSetCommands().zRank(key, member(s));
            }
            return null;
        });
        List<OptionalLong> ranks = new ArrayList<>(standings.size());
        for (Object reply : replies) {
            ranks.add(reply instanceof Long rank ? OptionalLong.of(rank + 1) : OptionalLong.empty());
        }
        return ranks;
    }

    @Override
    public long size(long contestId) {
        byte[] key = key(contestId);
        Long size = redis.execute((RedisCallback<Long>) c -> c.zSetCommands().zCard(key));
        return size == null ? 0 : size;
    }

    @Override
    public void load(long contestId, Stream<Standing> standings) {
        byte[] key = key(contestId);
        Iterator<Standing> it = standings.iterator();
        List<Standing> batch = new ArrayList<>(LOAD_BATCH);
        while (it.hasNext()) {
            batch.add(it.next());
            if (batch.size() == LOAD_BATCH || !it.hasNext()) {
                // one ZADD LT with the whole batch: a rebuild of a million standings sent them as
                // a million pipelined commands, which cost more than Redis's own work
                Set<Tuple> tuples = new LinkedHashSet<>(batch.size() * 2);
                for (Standing s : batch) {
                    tuples.add(Tuple.of(member(s), score(s)));
                }
                redis.execute((RedisCallback<Long>)
                        c -> c.zSetCommands().zAdd(key, tuples, ZAddArgs.empty().lt()));
                batch.clear();
            }
        }
    }

    @Override
    public boolean available() {
        String pong = redis.execute((RedisCallback<String>) c -> c.ping());
        return "PONG".equalsIgnoreCase(pong);
    }

    private byte[] key(long contestId) {
        return (prefix + contestId).getBytes(StandardCharsets.UTF_8);
    }

    static double score(Standing s) {
        long referrals = Math.min(Math.max(s.referrals(), 0), MAX_REFERRALS);
        long points = Math.max(s.points(), 0);
        return -(referrals * SHIFT + points);
    }

    static byte[] member(Standing s) {
        return ByteBuffer.allocate(16)
                .putLong(s.createdAtMillis())
                .putLong(s.participantId())
                .array();
    }

    static Standing decode(byte[] member, double score) {
        ByteBuffer buffer = ByteBuffer.wrap(member);
        long createdAt = buffer.getLong();
        long id = buffer.getLong();
        long packed = (long) -score;
        return new Standing(id, (int) (packed >>> 32), (int) (packed & 0xFFFFFFFFL), createdAt);
    }
}
