/*
 * The template editor (templates/console/templates/editor.html): Handlebars and HTML tags coloured
 * in a <pre> laid behind each transparent <textarea data-highlight> (the textarea stays the real,
 * labelled control), the line of a syntax error marked, variables inserted at the cursor.
 * No framework, no inline style: colours are classes of console.css, positions set through the CSSOM.
 */
(function () {
    "use strict";

    // {{! comments }}, {{{raw}}}, {{#block}}, {{/block}}, {{else}}, {{var}}; <!-- comments -->, <tags>
    var TOKEN = /(\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{\{[\s\S]*?\}\}\}|\{\{[#\/^]?[\s\S]*?\}\}|<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>)/g;

    function escapeHtml(text) {
        return text.replace(/[&<>]/g, function (c) {
            return c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;";
        });
    }

    function classOf(token) {
        if (token.indexOf("{{!") === 0) return "templates-hl-comment";
        if (token.indexOf("<!--") === 0) return "templates-hl-comment";
        if (/^\{\{[#\/^]/.test(token) || /^\{\{\s*else\b/.test(token)) return "templates-hl-block";
        if (token.indexOf("{{") === 0) return "templates-hl-var";
        return "templates-hl-tag";
    }

    function highlight(text) {
        var out = "";
        var last = 0;
        text.replace(TOKEN, function (token, _group, offset) {
            out += escapeHtml(text.slice(last, offset));
            out += "<span class=\"" + classOf(token) + "\">" + escapeHtml(token) + "</span>";
            last = offset + token.length;
            return token;
        });
        out += escapeHtml(text.slice(last));
        // a trailing newline needs a character after it for the <pre> to be as tall as the textarea
        return out + "\n";
    }

    function Editor(textarea) {
        var wrap = document.createElement("div");
        wrap.className = "templates-editor";
        var pre = document.createElement("pre");
        pre.className = "templates-editor-highlight";
        pre.setAttribute("aria-hidden", "true");
        var code = document.createElement("code");
        pre.appendChild(code);
        var marker = document.createElement("div");
        marker.className = "templates-editor-marker";
        marker.setAttribute("aria-hidden", "true");
        marker.hidden = true;
        textarea.parentNode.insertBefore(wrap, textarea);
        wrap.appendChild(pre);
        wrap.appendChild(marker);
        wrap.appendChild(textarea);
        wrap.classList.add("templates-editor-active");

        var errorLine = 0;

        function render() {
            code.innerHTML = highlight(textarea.value);
            sync();
        }

        function sync() {
            pre.scrollTop = textarea.scrollTop;
            pre.scrollLeft = textarea.scrollLeft;
            place();
        }

        function place() {
            if (!errorLine) {
                marker.hidden = true;
                return;
            }
            var style = getComputedStyle(textarea);
            var lineHeight = parseFloat(style.lineHeight) || 20;
            var top = parseFloat(style.paddingTop) + (errorLine - 1) * lineHeight - textarea.scrollTop;
            marker.style.top = top + "px";
            marker.style.height = lineHeight + "px";
            marker.hidden = top < 0 || top > textarea.clientHeight;
        }

        textarea.addEventListener("input", render);
        textarea.addEventListener("scroll", sync);
        if ("ResizeObserver" in window) new ResizeObserver(sync).observe(textarea);
        render();

        return {
            render: render,
            mark: function (line) {
                errorLine = line || 0;
                place();
            }
        };
    }

    var editors = {};
    document.querySelectorAll("textarea[data-highlight]").forEach(function (textarea) {
        editors[textarea.getAttribute("data-template-source")] = Editor(textarea);
    });

    // ---------- Syntax errors at their line ----------

    function showError(root) {
        var error = root.querySelector("[data-template-error]");
        var ok = root.querySelector("[data-template-ok]");
        if (!error && !ok) return; // nothing decided (e.g. a message about a missing part)
        var field = error ? error.getAttribute("data-field") : null;
        var line = error ? parseInt(error.getAttribute("data-line"), 10) : 0;
        Object.keys(editors).forEach(function (name) {
            editors[name].mark(name === field ? line : 0);
        });
        document.querySelectorAll("[data-template-source]").forEach(function (control) {
            var name = control.getAttribute("data-template-source");
            if (name === field) {
                control.setAttribute("aria-invalid", "true");
            } else if (!document.getElementById(name + "-error")) {
                control.removeAttribute("aria-invalid");
            }
        });
    }

    showError(document);
    document.addEventListener("htmx:afterSwap", function (event) {
        if (event.detail.target && event.detail.target.id === "template-preview") showError(event.detail.target);
    });

    // ---------- Variables: inserted where the cursor was ----------

    var lastFocused = document.getElementById("html");
    document.addEventListener("focusin", function (event) {
        if (event.target.matches && event.target.matches("[data-template-source]")) lastFocused = event.target;
    });

    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-insert]");
        if (!button || !lastFocused || lastFocused.readOnly) return;
        var text = button.getAttribute("data-insert");
        var start = lastFocused.selectionStart == null ? lastFocused.value.length : lastFocused.selectionStart;
        var end = lastFocused.selectionEnd == null ? start : lastFocused.selectionEnd;
        lastFocused.focus();
        lastFocused.setRangeText(text, start, end, "end");
        lastFocused.dispatchEvent(new Event("input", { bubbles: true }));
    });
})();
