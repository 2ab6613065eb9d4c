package io.iabulk.tracking.internal;

import io.iabulk.analytics.EventTypes;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.tracking.internal.JdbcLinkClicks.CampaignLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What clicks judged human change, in the caller's transaction: the first click of each send and
 * link (top links count it once per recipient), the send's first-click mark and, when the send has
 * no open yet, its first-open mark (a click implies an open).
 */
@Component
class HumanClicks {

    private final JdbcLinkClicks links;
    private final DeliveryService delivery;

    HumanClicks(JdbcLinkClicks links, DeliveryService delivery) {
        this.links = links;
        this.delivery = delivery;
    }

    void apply(List<HeldClick> clicks, Tallies tallies) {
        if (clicks.isEmpty()) {
            return;
        }
        Map<String, HeldClick> firstPerLink = new LinkedHashMap<>();
        Map<Long, HeldClick> firstPerSend = new HashMap<>();
        for (HeldClick click : clicks) {
            tallies.add(EventTypes.EMAIL_CLICK, click.campaignId(), click.at());
            firstPerLink.merge(click.sendId() + ":" + click.linkIndex(), click, HumanClicks::earlier);
            firstPerSend.merge(click.sendId(), click, HumanClicks::earlier);
        }

        Map<CampaignLink, Long> added = new HashMap<>();
        Map<CampaignLink, String> urls = new HashMap<>();
        for (HeldClick first : links.firstClicks(new ArrayList<>(firstPerLink.values()))) {
            if (first.campaignId() != null) {
                CampaignLink link = new CampaignLink(first.campaignId(), first.linkIndex());
                added.merge(link, 1L, Long::sum);
                urls.putIfAbsent(link, first.url());
            }
        }
        links.addRecipients(added, urls);

        Map<Long, Instant> clickedAt = new HashMap<>();
        firstPerSend.forEach((send, click) -> clickedAt.put(send, click.at()));
        Set<Long> clickedFirst = delivery.markClicked(clickedAt);
        Map<Long, Instant> openedAt = new HashMap<>();
        for (Long send : clickedFirst) {
            HeldClick click = firstPerSend.get(send);
            tallies.add(EventTypes.EMAIL_CLICKED, click.campaignId(), click.at());
            openedAt.put(send, click.at());
        }
        for (Long send : delivery.markOpened(openedAt)) {
            HeldClick click = firstPerSend.get(send);
            tallies.add(EventTypes.EMAIL_OPENED, click.campaignId(), click.at());
        }
    }

    private static HeldClick earlier(HeldClick a, HeldClick b) {
        return b.at().isBefore(a.at()) ? b : a;
    }
}
