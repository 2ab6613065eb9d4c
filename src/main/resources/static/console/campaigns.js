/*
 * Campaign pages (templates/console/campaigns): subject variants added and removed, the audience's
 * picker shown for its kind, and the live progress polled when Server-Sent Events are not available.
 */
(function () {
    "use strict";

    // ---------- Subject variants ----------

    function renumber(list) {
        list.querySelectorAll("[data-variant]").forEach(function (row, i) {
            var input = row.querySelector("input");
            var label = row.querySelector("label");
            var remove = row.querySelector("[data-remove-variant]");
            input.id = "subjectVariants-" + i;
            label.htmlFor = input.id;
            label.textContent = "Subject variant " + (i + 1);
            remove.setAttribute("aria-label", "Remove subject variant " + (i + 1));
        });
    }

    document.addEventListener("click", function (event) {
        var add = event.target.closest("[data-add-variant]");
        if (add) {
            var list = add.parentNode.querySelector("[data-variants]");
            var rows = list.querySelectorAll("[data-variant]");
            if (rows.length >= 10) {
                if (window.iabulkConsole) window.iabulkConsole.toast("At most 10 subject variants", "warning");
                return;
            }
            var row = rows[rows.length - 1].cloneNode(true);
            var input = row.querySelector("input");
            input.value = "";
            input.removeAttribute("aria-invalid");
            row.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
            list.appendChild(row);
            renumber(list);
            input.focus();
            return;
        }
        var remove = event.target.closest("[data-remove-variant]");
        if (remove) {
            var owner = remove.closest("[data-variants]");
            var all = owner.querySelectorAll("[data-variant]");
            var current = remove.closest("[data-variant]");
            if (all.length === 1) {
                current.querySelector("input").value = "";
                current.querySelector("input").focus();
                return;
            }
            var next = current.nextElementSibling || current.previousElementSibling;
            current.remove();
            renumber(owner);
            next.querySelector("input").focus();
        }
    });

    // ---------- Audience: the picker of the chosen kind ----------

    function showAudience() {
        var checked = document.querySelector("input[name=audience]:checked");
        var kind = checked ? checked.value : "segment";
        document.querySelectorAll("[data-audience-for]").forEach(function (field) {
            field.hidden = field.getAttribute("data-audience-for") !== kind;
        });
    }
    document.addEventListener("change", function (event) {
        if (event.target.name === "audience") showAudience();
    });
    if (document.querySelector("input[name=audience]")) showAudience();

    // ---------- Live progress: polling when SSE is not available or keeps failing ----------

    function poll(live) {
        var url = live.getAttribute("data-poll");
        if (!url || !window.htmx) return;
        var copy = live.cloneNode(true);
        ["hx-ext", "sse-connect", "sse-swap", "sse-close"].forEach(function (name) { copy.removeAttribute(name); });
        copy.setAttribute("hx-get", url);
        copy.setAttribute("hx-trigger", "every 2s");
        copy.setAttribute("hx-swap", "innerHTML");
        live.replaceWith(copy); // removing the element closes its EventSource
        window.htmx.process(copy);
    }

    var live = document.getElementById("campaign-live");
    if (live && live.hasAttribute("data-poll")) {
        if (!("EventSource" in window)) {
            poll(live);
        } else {
            var failures = 0;
            live.addEventListener("htmx:sseOpen", function () { failures = 0; });
            live.addEventListener("htmx:sseError", function () {
                failures += 1;
                if (failures >= 3) poll(live);
            });
        }
    }
})();
