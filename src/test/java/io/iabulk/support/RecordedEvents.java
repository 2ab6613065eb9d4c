package io.iabulk.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The application's own events (types under {@code io.iabulk}) as the integration tests' context
 * published them, whatever the thread, once their transaction committed: a fact that was rolled
 * back is no fact. Tests pick theirs by type and by their own ids (other tests' background work
 * publishes too).
 *
 * <p>Spring Modulith's {@code PublishedEvents} sees only the events of the test's own thread; the
 * events of a background loop (a campaign finished by the lifecycle worker) or of a request thread
 * need this.
 */
public final class RecordedEvents {

    private final Queue<Object> events = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(Object event) {
        if (!event.getClass().getName().startsWith("io.iabulk.")) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.add(event);
                }
            });
        } else {
            events.add(event);
        }
    }

    /** The events of this type that match, in the order they were committed. */
    public <T> List<T> of(Class<T> type, Predicate<? super T> filter) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(filter)
                .toList();
    }
}
