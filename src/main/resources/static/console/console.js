/*
 * IA Bulk operator console — the behaviour every page shares (ADR 0021).
 * Loaded with `defer` after htmx; no inline script anywhere (the CSP forbids it).
 *
 *   data-confirm="Text"         confirm in a <dialog> before a form/button/link acts
 *     data-confirm-detail="…"   optional second sentence
 *     data-confirm-action="…"   label of the confirming button (default "Confirm")
 *     data-confirm-danger       red confirming button, focus starts on Cancel
 *   [data-error-slot]           an empty container in the requesting element's form/card/section
 *                               where its htmx error banner goes (else a toast)
 *   HX-Trigger: {"toast": {"message": "…", "level": "success|info|warning|error"}}
 *   .chart[data-chart='{…}']    an ECharts line/bar chart (ECharts is loaded on first use)
 *   data-copy="#id"             copy the element's value/text, then a toast
 *   <time datetime data-relative>  "3 min ago", refreshed every 30 s
 *   [data-dismiss]              removes the closest toast or banner
 */
(function () {
    "use strict";

    var ICONS = "/console/icons.svg";
    var ECHARTS_SRC = "/webjars/echarts/dist/echarts.min.js";

    function icon(name, extraClass) {
        var ns = "http://www.w3.org/2000/svg";
        var svg = document.createElementNS(ns, "svg");
        svg.setAttribute("class", "icon" + (extraClass ? " " + extraClass : ""));
        svg.setAttribute("aria-hidden", "true");
        svg.setAttribute("focusable", "false");
        var use = document.createElementNS(ns, "use");
        use.setAttribute("href", ICONS + "#" + name);
        svg.appendChild(use);
        return svg;
    }

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (text != null) node.textContent = text;
        return node;
    }

    function dismissButton() {
        var button = el("button", "icon-button");
        button.type = "button";
        button.setAttribute("aria-label", "Dismiss");
        button.setAttribute("data-dismiss", "");
        button.appendChild(icon("x", "icon-sm"));
        return button;
    }

    // ---------- Toasts ----------

    var TOAST_ICONS = { success: "check", info: "info", warning: "alert", error: "alert" };

    function toastRegion() {
        var region = document.getElementById("toasts");
        if (!region) {
            region = el("div", "toasts");
            region.id = "toasts";
            region.setAttribute("role", "status");
            region.setAttribute("aria-live", "polite");
            document.body.appendChild(region);
        }
        return region;
    }

    function scheduleDismiss(toast) {
        if (toast.classList.contains("toast-error") || toast.hasAttribute("data-sticky")) return;
        var timer = setTimeout(function () { toast.remove(); }, 6000);
        // Keep it while the pointer or focus is on it, so it can be read or dismissed.
        toast.addEventListener("mouseenter", function () { clearTimeout(timer); });
        toast.addEventListener("focusin", function () { clearTimeout(timer); });
    }

    function showToast(message, level) {
        level = TOAST_ICONS[level] ? level : "info";
        var toast = el("div", "toast toast-" + level);
        toast.appendChild(icon(TOAST_ICONS[level]));
        toast.appendChild(el("p", "toast-text", message));
        toast.appendChild(dismissButton());
        toastRegion().appendChild(toast);
        scheduleDismiss(toast);
        return toast;
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-dismiss]");
        if (!button) return;
        var box = button.closest(".toast, .banner");
        if (box) box.remove();
    });

    // ---------- Error banners ----------

    function errorBanner(title, detail) {
        var banner = el("div", "banner banner-error");
        banner.setAttribute("role", "alert");
        banner.appendChild(icon("alert"));
        var body = el("div", "banner-body");
        body.appendChild(el("p", "banner-title", title));
        if (detail) body.appendChild(el("p", null, detail));
        banner.appendChild(body);
        banner.appendChild(dismissButton());
        return banner;
    }

    // The empty [data-error-slot] container inside the nearest form, card, section or
    // [data-error-scope] around the requesting element (then around its target).
    function errorSlotFor(elt, target) {
        var candidates = [elt, target];
        for (var i = 0; i < candidates.length; i++) {
            var node = candidates[i];
            var scope = node && node.closest ? node.closest("[data-error-scope], form, .card, section") : null;
            while (scope) {
                var slot = scope.querySelector("[data-error-slot]");
                if (slot) return slot;
                scope = scope.parentElement ? scope.parentElement.closest("[data-error-scope], form, .card, section") : null;
            }
        }
        return null;
    }

    function problemDetail(xhr) {
        if (!xhr) return null;
        var type = xhr.getResponseHeader("Content-Type") || "";
        if (type.indexOf("json") < 0) return null;
        try {
            var problem = JSON.parse(xhr.responseText);
            return problem.detail || problem.title || null;
        } catch (ignored) {
            return null;
        }
    }

    function showError(elt, target, title, detail) {
        var slot = errorSlotFor(elt, target);
        if (slot) {
            slot.replaceChildren(errorBanner(title, detail));
        } else {
            showToast(detail ? title + ": " + detail : title, "error");
        }
    }

    function goToLogin() {
        var next = location.pathname + location.search;
        location.assign("/login?next=" + encodeURIComponent(next));
    }

    // ---------- Confirmation dialog ----------

    function confirmDialog() {
        var dialog = document.getElementById("confirm-dialog");
        if (dialog) return dialog;
        // Bare pages carry no dialog in their markup: build the same one.
        dialog = el("dialog", "dialog");
        dialog.id = "confirm-dialog";
        dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
        dialog.setAttribute("aria-describedby", "confirm-dialog-text");
        var form = el("form", null);
        form.method = "dialog";
        var body = el("div", "dialog-body");
        var title = el("h2", "dialog-title");
        title.id = "confirm-dialog-title";
        var text = el("p", "dialog-text");
        text.id = "confirm-dialog-text";
        body.append(title, text);
        var actions = el("div", "dialog-actions");
        var cancel = el("button", "button button-secondary", "Cancel");
        cancel.value = "cancel";
        cancel.setAttribute("data-dialog-cancel", "");
        var ok = el("button", "button button-primary", "Confirm");
        ok.value = "confirm";
        ok.setAttribute("data-dialog-confirm", "");
        actions.append(cancel, ok);
        form.append(body, actions);
        dialog.appendChild(form);
        document.body.appendChild(dialog);
        return dialog;
    }

    /** Opens the dialog for `source` (the element carrying data-confirm); calls onConfirm if confirmed. */
    function askToConfirm(source, onConfirm) {
        var dialog = confirmDialog();
        var opener = document.activeElement;
        var danger = source.hasAttribute("data-confirm-danger");
        var ok = dialog.querySelector("[data-dialog-confirm]");
        var cancel = dialog.querySelector("[data-dialog-cancel]");
        dialog.querySelector(".dialog-title").textContent = source.getAttribute("data-confirm");
        var text = dialog.querySelector(".dialog-text");
        var detail = source.getAttribute("data-confirm-detail");
        text.textContent = detail || "";
        text.hidden = !detail;
        ok.textContent = source.getAttribute("data-confirm-action") || "Confirm";
        ok.className = "button " + (danger ? "button-danger" : "button-primary");
        dialog.returnValue = "";
        dialog.addEventListener("close", function onClose() {
            dialog.removeEventListener("close", onClose);
            if (opener && opener.focus) opener.focus();
            if (dialog.returnValue === "confirm") onConfirm();
        });
        dialog.showModal();
        (danger ? cancel : ok).focus();
    }

    var HTMX_VERBS = "[hx-get],[hx-post],[hx-put],[hx-patch],[hx-delete],[data-hx-get],[data-hx-post],[data-hx-put],[data-hx-patch],[data-hx-delete]";

    function handledByHtmx(node) {
        return window.htmx && node && node.matches && node.matches(HTMX_VERBS);
    }

    // Plain forms: confirm on submit (the submitter's data-confirm wins over the form's).
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var submitter = event.submitter;
        var source = submitter && submitter.hasAttribute("data-confirm") ? submitter
            : form.hasAttribute("data-confirm") ? form : null;
        if (!source || handledByHtmx(form) || handledByHtmx(submitter)) return;
        if (form.dataset.confirmed === "true") {
            delete form.dataset.confirmed;
            return;
        }
        event.preventDefault();
        askToConfirm(source, function () {
            form.dataset.confirmed = "true";
            form.requestSubmit(submitter || undefined);
        });
    }, true);

    // Plain links and stand-alone buttons with data-confirm.
    document.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-confirm]");
        if (!link || handledByHtmx(link)) return;
        event.preventDefault();
        askToConfirm(link, function () { location.assign(link.href); });
    });

    // htmx elements: htmx asks through htmx:confirm before every request.
    document.addEventListener("htmx:confirm", function (event) {
        var elt = event.detail.elt;
        var trigger = event.detail.triggeringEvent;
        var submitter = trigger && trigger.submitter;
        var source = submitter && submitter.hasAttribute("data-confirm") ? submitter
            : elt.hasAttribute("data-confirm") ? elt : null;
        if (!source) return;
        event.preventDefault();
        askToConfirm(source, function () { event.detail.issueRequest(true); });
    });

    // ---------- htmx: errors, toasts, busy state ----------

    document.addEventListener("htmx:beforeRequest", function (event) {
        var slot = errorSlotFor(event.detail.elt, event.detail.target);
        if (slot) slot.replaceChildren();
    });

    document.addEventListener("htmx:responseError", function (event) {
        var xhr = event.detail.xhr;
        if (xhr.status === 401) {
            // htmx itself follows HX-Redirect; without one, the session is gone: log in again.
            if (!xhr.getResponseHeader("HX-Redirect")) goToLogin();
            return;
        }
        var detail = problemDetail(xhr);
        var title = xhr.status === 403 ? "Not allowed"
            : xhr.status === 404 ? "Not found"
            : xhr.status === 409 ? "Could not do that now"
            : xhr.status === 429 ? "Too many requests"
            : xhr.status >= 500 ? "Something went wrong on the server"
            : "Could not do that";
        showError(event.detail.elt, event.detail.target, title,
            detail || (xhr.status >= 500 ? "Please retry in a moment." : null));
    });

    document.addEventListener("htmx:sendError", function (event) {
        showError(event.detail.elt, event.detail.target, "Could not reach the server; retry", null);
    });

    document.addEventListener("htmx:timeout", function (event) {
        showError(event.detail.elt, event.detail.target, "The server took too long; retry", null);
    });

    // HX-Trigger: {"toast": {"message": "...", "level": "success"}}
    document.addEventListener("toast", function (event) {
        var detail = event.detail || {};
        var message = detail.message || detail.value;
        if (message) showToast(String(message), detail.level);
    });

    // ---------- Formatting shared with io.iabulk.dashboard.console.Formats ----------

    var grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

    function formatCount(n) {
        if (n == null || isNaN(n)) return "—";
        var sign = n < 0 ? "-" : "";
        var abs = Math.abs(Math.round(n));
        if (abs < 10000) return sign + grouped.format(abs);
        // The smallest unit that stays below 1000 after rounding: 999,950 is "1.0M", never "1000.0k".
        var units = [["k", 1e3], ["M", 1e6], ["B", 1e9]];
        for (var i = 0; i < units.length; i++) {
            var scaled = Math.round(abs / units[i][1] * 10) / 10;
            if (scaled < 1000 || i === units.length - 1) return sign + scaled.toFixed(1) + units[i][0];
        }
    }

    function formatPercent(ratio) {
        if (ratio == null || isNaN(ratio)) return "—";
        if (ratio === 0) return "0 %";
        return (Math.round(ratio * 1000) / 10).toFixed(1) + " %";
    }

    function relative(date, now) {
        var seconds = Math.round((now - date) / 1000);
        var future = seconds < 0;
        var s = Math.abs(seconds);
        if (s < 45) return "just now";
        var minutes = Math.max(1, Math.floor(s / 60));
        if (minutes < 60) return future ? "in " + minutes + " min" : minutes + " min ago";
        var hours = Math.floor(s / 3600);
        if (hours < 24) return future ? "in " + hours + " h" : hours + " h ago";
        var days = Math.floor(s / 86400);
        if (days < 2) return future ? "tomorrow" : "yesterday";
        if (days < 7) return future ? "in " + days + " days" : days + " days ago";
        return null; // older: keep the date the server wrote
    }

    // ---------- Relative times ----------

    function refreshTimes(root) {
        var now = Date.now();
        (root || document).querySelectorAll("time[data-relative][datetime]").forEach(function (time) {
            var date = Date.parse(time.getAttribute("datetime"));
            if (isNaN(date)) return;
            var text = relative(date, now);
            if (text && time.textContent !== text) time.textContent = text;
        });
    }
    setInterval(refreshTimes, 30000);

    // ---------- Charts ----------

    var echartsLoading = null;

    function loadEcharts() {
        if (window.echarts) return Promise.resolve(window.echarts);
        if (!echartsLoading) {
            echartsLoading = new Promise(function (resolve, reject) {
                var script = document.createElement("script");
                script.src = ECHARTS_SRC;
                script.onload = function () { resolve(window.echarts); };
                script.onerror = reject;
                document.head.appendChild(script);
            });
        }
        return echartsLoading;
    }

    function token(name) {
        return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    }

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
        });
    }

    function chartOption(spec) {
        var format = spec.yFormat === "percent" ? formatPercent : formatCount;
        var colors = [1, 2, 3, 4, 5, 6].map(function (i) { return token("--chart-" + i); });
        var axisColor = token("--chart-axis");
        var gridColor = token("--chart-grid");
        var font = token("--font-sans");
        var series = (spec.series || []).map(function (s) {
            return {
                name: s.name,
                type: spec.type === "bar" ? "bar" : "line",
                data: s.data,
                smooth: false,
                showSymbol: (spec.x || []).length <= 31,
                symbolSize: 5,
                barMaxWidth: 28,
                stack: spec.stacked ? "total" : undefined,
                areaStyle: spec.type === "area" ? { opacity: 0.12 } : undefined,
                emphasis: { focus: "series" }
            };
        });
        return {
            color: colors,
            animation: !matchMedia("(prefers-reduced-motion: reduce)").matches,
            textStyle: { fontFamily: font, color: axisColor },
            grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
            legend: series.length > 1 ? { top: 0, left: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8,
                textStyle: { color: axisColor } } : undefined,
            tooltip: {
                trigger: "axis",
                confine: true,
                // Plain text markup only: the CSP forbids style attributes in HTML that ECharts would insert.
                formatter: function (params) {
                    var rows = [].concat(params);
                    var head = rows.length ? escapeHtml(rows[0].axisValueLabel) : "";
                    return head + rows.map(function (p) {
                        return "<br>" + escapeHtml(p.seriesName) + ": <b>" + escapeHtml(format(p.value)) + "</b>";
                    }).join("");
                }
            },
            xAxis: {
                type: "category",
                data: spec.x || [],
                boundaryGap: spec.type === "bar",
                axisLine: { lineStyle: { color: gridColor } },
                axisTick: { show: false },
                axisLabel: { color: axisColor, hideOverlap: true }
            },
            yAxis: {
                type: "value",
                max: spec.yFormat === "percent" && spec.yMax == null ? undefined : spec.yMax,
                // counts are whole: no "0 0 1 1" ticks when the numbers are small
                minInterval: spec.yFormat === "percent" ? undefined : 1,
                splitLine: { lineStyle: { color: gridColor } },
                // Axis ticks are round numbers: "14k" reads better than "14.0k".
                axisLabel: { color: axisColor, formatter: function (v) { return format(v).replace(/\.0(?=[kMB ])/, ""); } }
            },
            series: series
        };
    }

    var resizer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
            var chart = window.echarts && window.echarts.getInstanceByDom(entry.target);
            if (chart) chart.resize();
        });
    }) : null;

    function renderCharts(root) {
        var nodes = [];
        if (root.matches && root.matches(".chart[data-chart]")) nodes.push(root);
        root.querySelectorAll(".chart[data-chart]").forEach(function (n) { nodes.push(n); });
        if (!nodes.length) return;
        loadEcharts().then(function (echarts) {
            nodes.forEach(function (node) {
                var spec;
                try {
                    spec = JSON.parse(node.getAttribute("data-chart"));
                } catch (e) {
                    return;
                }
                var chart = echarts.getInstanceByDom(node) || echarts.init(node, null, { renderer: "canvas" });
                chart.setOption(chartOption(spec), true);
                if (resizer) resizer.observe(node);
            });
        }, function () {
            nodes.forEach(function (node) {
                node.classList.add("chart-empty");
                node.textContent = "The chart could not be loaded.";
            });
        });
    }

    document.addEventListener("htmx:beforeCleanupElement", function (event) {
        var node = event.target;
        if (window.echarts && node.matches && node.matches(".chart")) {
            if (resizer) resizer.unobserve(node);
            var chart = window.echarts.getInstanceByDom(node);
            if (chart) chart.dispose();
        }
    });

    // ---------- Copy ----------

    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
        return new Promise(function (resolve, reject) {
            var area = el("textarea", "visually-hidden");
            area.value = text;
            area.setAttribute("readonly", "");
            document.body.appendChild(area);
            area.select();
            var ok = document.execCommand("copy");
            area.remove();
            if (ok) resolve(); else reject(new Error("copy refused"));
        });
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-copy]");
        if (!button) return;
        var source = document.querySelector(button.getAttribute("data-copy"));
        if (!source) return;
        var text = "value" in source && source.tagName !== "BUTTON" ? source.value : source.textContent;
        copyText(text.trim()).then(
            function () { showToast(button.getAttribute("data-copy-message") || "Copied to the clipboard", "success"); },
            function () { showToast("Could not copy; select the text and copy it by hand", "error"); });
    });

    // ---------- Mobile navigation ----------

    function closeMobileNav(focusSummary) {
        document.querySelectorAll("details.mobile-nav[open]").forEach(function (details) {
            details.open = false;
            if (focusSummary) details.querySelector("summary").focus();
        });
    }

    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && document.querySelector("details.mobile-nav[open]")) closeMobileNav(true);
    });
    document.addEventListener("click", function (event) {
        if (!event.target.closest("details.mobile-nav")) closeMobileNav(false);
    });

    // ---------- Initialisation (also for content htmx swaps in) ----------

    // A live region announces only what changes after load: re-insert the server's flash message.
    function announceFlash() {
        document.querySelectorAll(".toasts > .toast[data-flash]").forEach(function (toast) {
            var region = toast.parentNode;
            toast.removeAttribute("data-flash");
            toast.remove();
            setTimeout(function () {
                region.appendChild(toast);
                scheduleDismiss(toast);
            }, 150);
        });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", announceFlash);
    else announceFlash();

    // A table wider than the screen scrolls in its wrapper: keyboard users must be able to reach
    // and scroll it too (WCAG 2.1.1), so the wrapper becomes a named, focusable region.
    function scrollableTables(root) {
        var wraps = root.matches && root.matches(".table-wrap") ? [root] : [];
        root.querySelectorAll && root.querySelectorAll(".table-wrap").forEach(function (w) { wraps.push(w); });
        wraps.forEach(function (wrap) {
            if (wrap.hasAttribute("tabindex")) return;
            var caption = wrap.querySelector("caption");
            wrap.setAttribute("tabindex", "0");
            wrap.setAttribute("role", "region");
            wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
        });
    }

    // A time zone field left empty starts with the browser's own zone (the person can change it).
    function detectZones(root) {
        if (!root.querySelectorAll || !window.Intl) return;
        root.querySelectorAll("input[data-detect-zone]").forEach(function (input) {
            if (!input.value) {
                try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep it empty */ }
            }
        });
    }

    function init(root) {
        detectZones(root);
        renderCharts(root);
        refreshTimes(root);
        scrollableTables(root);
    }

    if (window.htmx) {
        window.htmx.onLoad(init); // runs for <body> at start and for every swapped-in element
    } else if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () { init(document.body); });
    } else {
        init(document.body);
    }

    window.iabulkConsole = { toast: showToast, formatCount: formatCount, formatPercent: formatPercent };
})();
