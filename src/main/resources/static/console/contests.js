/*
 * Contest pages of the operator console: milestone rows of the contest form (add, remove) and
 * the select-all box of the review queue. Loaded with `defer` by the pages that need it (CSP: no
 * inline script).
 */
(function () {
    "use strict";

    // ---------- Milestone rows ----------

    var nextRow = 1000; // ids of added rows never meet the server's (0, 1, 2, …)

    function renumber(list) {
        list.querySelectorAll("[data-milestone-row]").forEach(function (row, i) {
            row.querySelectorAll("[data-milestone-number]").forEach(function (span) {
                span.textContent = "(milestone " + (i + 1) + ")";
            });
            var remove = row.querySelector("[data-milestone-remove]");
            if (remove) remove.setAttribute("aria-label", "Remove milestone " + (i + 1));
        });
    }

    document.addEventListener("click", function (event) {
        var add = event.target.closest("[data-milestone-add]");
        if (add) {
            var fieldset = add.closest("fieldset");
            var list = fieldset.querySelector("[data-milestone-rows]");
            var template = document.getElementById("milestone-row-template");
            if (!list || !template) return;
            var row = template.content.firstElementChild.cloneNode(true);
            var index = String(nextRow++);
            row.querySelectorAll("[id], [for]").forEach(function (node) {
                ["id", "for"].forEach(function (name) {
                    var value = node.getAttribute(name);
                    if (value) node.setAttribute(name, value.replace("__i__", index));
                });
            });
            list.appendChild(row);
            renumber(list);
            row.querySelector("input").focus();
            return;
        }
        var remove = event.target.closest("[data-milestone-remove]");
        if (remove) {
            var rows = remove.closest("[data-milestone-rows]");
            var addButton = remove.closest("fieldset").querySelector("[data-milestone-add]");
            remove.closest("[data-milestone-row]").remove();
            renumber(rows);
            if (addButton) addButton.focus();
        }
    });

    // ---------- Review queue: select all, and how many are selected ----------

    function boxes(form) {
        return Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=ids]"));
    }

    function updateSelection(form) {
        var all = boxes(form);
        var checked = all.filter(function (b) { return b.checked; }).length;
        var master = form.querySelector("[data-select-all]");
        if (master) {
            master.checked = checked > 0 && checked === all.length;
            master.indeterminate = checked > 0 && checked < all.length;
        }
        var count = form.querySelector("[data-selected-count]");
        if (count) {
            count.textContent = checked === 0 ? "Select referrals to decide on several at once"
                : checked + (checked === 1 ? " referral selected" : " referrals selected");
        }
    }

    document.addEventListener("change", function (event) {
        var target = event.target;
        var form = target.closest && target.closest("form");
        if (!form) return;
        if (target.matches("[data-select-all]")) {
            boxes(form).forEach(function (b) { b.checked = target.checked; });
            updateSelection(form);
        } else if (target.matches("input[type=checkbox][name=ids]")) {
            updateSelection(form);
        }
    });
})();
