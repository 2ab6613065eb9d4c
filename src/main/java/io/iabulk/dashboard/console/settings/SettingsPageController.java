package io.iabulk.dashboard.console.settings;

import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.PublicUrls;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The settings as in force: how mail leaves (transport, relay, rates, retries), the DKIM record to
 * publish in DNS, and the address every tracked link and participant page uses. Settings come from
 * the environment (ARCHITECTURE: secrets never from a page), so this page reads and explains them.
 */
@Controller
@ConsolePage
class SettingsPageController {

    private final DeliveryService delivery;
    private final PublicUrls urls;
    private final PlatformProperties platform;

    SettingsPageController(DeliveryService delivery, PublicUrls urls, PlatformProperties platform) {
        this.delivery = delivery;
        this.urls = urls;
        this.platform = platform;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        model.addAttribute("sending", delivery.sendingSettings());
        model.addAttribute("publicUrl", urls.base());
        model.addAttribute("publicUrlConfigured", platform.publicUrl() != null);
        model.addAttribute("mode", platform.mode());
        return "console/settings/index";
    }
}
