package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import java.net.InetAddress;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This instance's name in leases and heartbeats: configured, or host, pid and a random suffix. */
@Component
public class DeliveryInstance {

    private final String id;

    DeliveryInstance(DeliveryProperties properties) {
        this.id = properties.instanceId() != null && !properties.instanceId().isBlank()
                ? properties.instanceId()
                : host() + "-" + ProcessHandle.current().pid() + "-"
                        + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 60 ? name.substring(0, 60) : name;
        } catch (Exception e) {
            return "host";
        }
    }
}
