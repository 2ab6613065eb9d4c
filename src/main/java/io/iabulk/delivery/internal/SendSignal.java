package io.iabulk.delivery.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Wakes idle workers of this instance when work is queued here (a transactional message, a
 * snapshot chunk, a campaign resumed), so they need not wait out their poll interval. Other
 * instances notice by polling.
 */
@Component
public class SendSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();

    /** Waits until woken or the timeout passes. */
    public void await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            queued.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    public void wake() {
        lock.lock();
        try {
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
