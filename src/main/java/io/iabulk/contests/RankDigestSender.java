package io.iabulk.contests;

import java.time.Instant;
import java.util.List;

/**
 * Sends the "you moved up" digest (docs/decisions/0027): the contests module finds who moved up,
 * the module that mails participants implements this. It is called inside the transaction that
 * advances those participants' rank snapshots, and must join it: the mails it queues commit with
 * the snapshots or not at all, so a crash neither loses a digest nor sends one twice.
 */
public interface RankDigestSender {

    /**
     * Queues the digest of each participant in {@code improvements} (at most a batch, all of {@code
     * contest}); a participant already sent one on the UTC day of {@code roundAt} gets none.
     *
     * @param roundAt when the comparison was made; its UTC date is the digest's day
     */
    void send(Contest contest, Instant roundAt, List<RankImprovement> improvements);
}
