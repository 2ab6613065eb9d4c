package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MessageRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs this instance's delivery workers while the application runs: started once the context is
 * ready, stopped first on shutdown (stop claiming, finish the batches in flight, write their
 * results). Without a {@link MessageRenderer} (no module renders mail yet) nothing is sent.
 */
@Component
class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final ObjectProvider<MessageRenderer> renderers;
    private final ObjectProvider<MailTransport> transports;
    private final DeliveryWorkers workers;
    private final DeliveryInstance instance;
    private final DeliveryProperties properties;
    private volatile DeliveryWorker worker;

    DeliveryEngine(
            ObjectProvider<MessageRenderer> renderers,
            ObjectProvider<MailTransport> transports,
            DeliveryWorkers workers,
            DeliveryInstance instance,
            DeliveryProperties properties) {
        this.renderers = renderers;
        this.transports = transports;
        this.workers = workers;
        this.instance = instance;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (properties.workers() == 0) {
            log.info("Delivery workers are off on this instance (iabulk.delivery.workers=0)");
            return;
        }
        MessageRenderer renderer = renderers.getIfUnique();
        MailTransport transport = transports.getIfUnique();
        if (renderer == null || transport == null) {
            log.warn(
                    "No {} to send with: delivery workers not started",
                    renderer == null ? "MessageRenderer" : "MailTransport");
            return;
        }
        worker = workers.create(instance.id(), renderer, transport);
        worker.start(properties.workers());
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.stop();
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
