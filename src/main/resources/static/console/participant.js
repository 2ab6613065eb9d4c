// The participant pages' small enhancements (no framework, nothing needed to read or use a page):
// the countdown ticks, the top 10 refreshes every few seconds, the referral link copies with one
// click, and the device's share sheet opens where the browser has one. Values are written with
// textContent only, never as HTML.
(function () {
    "use strict";

    function countdown() {
        var el = document.getElementById("countdown");
        if (!el) return;
        var end = Date.parse(el.getAttribute("datetime"));
        if (isNaN(end)) return;
        function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
        function tick() {
            var left = Math.floor((end - Date.now()) / 1000);
            if (left <= 0) { el.textContent = "Ended"; return; }
            var d = Math.floor(left / 86400), h = Math.floor(left / 3600) % 24,
                m = Math.floor(left / 60) % 60, s = left % 60;
            el.textContent = d > 0 ? plural(d, "day", "days") + " " + plural(h, "hour", "hours") + " left"
                : h > 0 ? plural(h, "hour", "hours") + " " + plural(m, "minute", "minutes") + " left"
                : plural(m, "minute", "minutes") + " " + plural(s, "second", "seconds") + " left";
            setTimeout(tick, d > 0 ? 60000 : 1000);
        }
        tick();
    }

    function leaderboard() {
        var section = document.getElementById("leaderboard");
        if (!section || !window.fetch) return;
        var body = section.querySelector("tbody");
        var table = section.querySelector("table");
        var empty = section.querySelector("[data-board-empty]");
        var url = "/api/v1/contests/" + encodeURIComponent(section.getAttribute("data-contest")) + "/leaderboard?limit=10";
        var etag = null;
        function cell(row, text, numeric) {
            var td = document.createElement("td");
            if (numeric) td.className = "n";
            td.textContent = String(text);
            row.appendChild(td);
        }
        function refresh() {
            if (document.hidden) { setTimeout(refresh, 5000); return; }
            var headers = etag ? { "If-None-Match": etag } : {};
            fetch(url, { headers: headers, credentials: "omit" }).then(function (response) {
                if (response.status === 200) {
                    etag = response.headers.get("ETag");
                    return response.json().then(function (board) {
                        var rows = document.createDocumentFragment();
                        (board.entries || []).forEach(function (e) {
                            var tr = document.createElement("tr");
                            cell(tr, e.rank, true);
                            cell(tr, e.displayName, false);
                            cell(tr, e.referrals, true);
                            cell(tr, e.points, true);
                            rows.appendChild(tr);
                        });
                        body.replaceChildren(rows);
                        var none = !board.entries || board.entries.length === 0;
                        table.classList.toggle("visually-hidden", none);
                        if (empty) empty.hidden = !none;
                    });
                }
            }).catch(function () { /* offline for a moment: the next tick tries again */ })
              .finally(function () { setTimeout(refresh, 5000); });
        }
        setTimeout(refresh, 5000);
    }

    function copy() {
        document.querySelectorAll("[data-copy]").forEach(function (button) {
            if (!navigator.clipboard) return;
            button.hidden = false;
            var input = document.getElementById(button.getAttribute("data-copy"));
            var status = document.getElementById("copy-status");
            button.addEventListener("click", function () {
                navigator.clipboard.writeText(input.value).then(function () {
                    if (status) status.textContent = "Link copied.";
                }, function () {
                    input.select();
                    if (status) status.textContent = "Select the link and copy it.";
                });
            });
        });
    }

    function share() {
        document.querySelectorAll("[data-share]").forEach(function (button) {
            if (!navigator.share) return;
            button.hidden = false;
            button.addEventListener("click", function () {
                navigator.share({
                    text: button.getAttribute("data-share-text"),
                    url: button.getAttribute("data-share-url")
                }).catch(function () { /* the person closed the sheet */ });
            });
        });
    }

    function start() { countdown(); leaderboard(); copy(); share(); }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
})();
