package io.iabulk.delivery;

import java.util.List;

/**
 * Turns claimed sends into mail. Delivery owns the queue and the wire; the module that owns
 * templates and the personalisation context (campaigns) implements this.
 */
public interface MessageRenderer {

    /**
     * Renders a batch: one result per send, in the same order. Loads what the batch needs in a few
     * set-based queries (contacts, participations), never one query per send. Must not throw for a
     * single bad send: that send gets {@link RenderResult.Failed}.
     */
    List<RenderResult> render(List<QueuedSend> sends);
}
