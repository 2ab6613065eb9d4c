// IA Bulk signup widget: draws a contest's signup form inside a host page.
//   <div data-iabulk-contest="spring-launch"></div>
//   <script src="https://contests.example.com/console/embed.js" async></script>
// It works on the sites the contest lists in allowedOrigins (CORS), sends no cookies, and passes on
// the ?ref= of the host page's address so that a friend's link to the host page still counts.
// Everything it writes into the page is text (textContent), never HTML.
(function () {
    "use strict";
    var script = document.currentScript;
    if (!script || !window.fetch) return;
    var base = new URL(script.src).origin;
    var ref = new URLSearchParams(window.location.search).get("ref");

    var STYLE = ":host{display:block;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1d21}"
        + "form{display:grid;gap:.75rem;max-width:28rem}label{font-weight:600;display:block;margin-bottom:.25rem}"
        + "input{width:100%;box-sizing:border-box;padding:.55rem .65rem;font:inherit;border:2px solid #5f6672;border-radius:.3rem}"
        + "button{font:inherit;font-weight:600;color:#fff;background:#1545b3;border:0;border-radius:.3rem;padding:.6rem 1.2rem;cursor:pointer}"
        + ".error{color:#b3261e;font-weight:600}.done{border-left:6px solid #1545b3;background:#e8eefb;padding:.75rem 1rem;border-radius:.3rem}"
        + "h2{font-size:1.25rem;margin:0 0 .5rem}a{color:#1545b3}";

    function el(tag, text, attrs) {
        var node = document.createElement(tag);
        if (text) node.textContent = text;
        Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
        return node;
    }

    function field(form, id, label, type, required, autocomplete) {
        var wrap = el("div");
        wrap.appendChild(el("label", label, { "for": id }));
        var input = el("input", null, { id: id, name: id, type: type, autocomplete: autocomplete, maxlength: type === "email" ? "254" : "100" });
        if (required) input.required = true;
        wrap.appendChild(input);
        form.appendChild(wrap);
        return input;
    }

    function draw(host) {
        host.setAttribute("data-iabulk-ready", "");
        var slug = host.getAttribute("data-iabulk-contest");
        var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
        var style = el("style", STYLE);
        root.appendChild(style);
        var box = el("div");
        root.appendChild(box);
        fetch(base + "/api/v1/contests/" + encodeURIComponent(slug) + "/widget", { credentials: "omit" })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
            .then(function (contest) { form(box, contest); })
            .catch(function () {
                box.appendChild(el("p", "The signup form could not be loaded here. ", {}))
                    .appendChild(el("a", "Sign up on the contest page", { href: base + "/c/" + encodeURIComponent(slug) + (ref ? "?ref=" + encodeURIComponent(ref) : "") }));
            });
    }

    function form(box, contest) {
        box.appendChild(el("h2", contest.name));
        if (contest.prize) box.appendChild(el("p", "Prize: " + contest.prize));
        if (!contest.open) {
            box.appendChild(el("p", "This contest does not take signups right now."));
            return;
        }
        var f = el("form", null, { novalidate: "" });
        var email = field(f, "iabulk-email", "Email address", "email", true, "email");
        var first = field(f, "iabulk-first-name", "First name (optional)", "text", false, "given-name");
        var error = el("p", "", { "class": "error", role: "alert" });
        f.appendChild(error);
        var button = el("button", "Join", { type: "submit" });
        f.appendChild(button);
        box.appendChild(f);
        f.addEventListener("submit", function (event) {
            event.preventDefault();
            error.textContent = "";
            button.disabled = true;
            var body = { email: email.value.trim() };
            if (first.value.trim()) body.firstName = first.value.trim();
            if (ref && /^[A-Za-z0-9]{1,32}$/.test(ref)) body.referralCode = ref;
            fetch(base + contest.signupsUrl, {
                method: "POST", credentials: "omit", mode: "cors",
                headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
            }).then(function (r) {
                return r.json().catch(function () { return {}; }).then(function (json) { return { status: r.status, json: json }; });
            }).then(function (answer) {
                button.disabled = false;
                if (answer.status === 200 || answer.status === 201) {
                    var done = el("div", null, { "class": "done", role: "status" });
                    done.appendChild(el("p", contest.requireConfirmation
                        ? "Thanks for joining! Check your inbox: we have sent you a link to confirm your address."
                        : "You're in!"));
                    var p = el("p", "Your page, with your link to share: ");
                    p.appendChild(el("a", "see where you stand", { href: base + "/p/" + encodeURIComponent(answer.json.referralCode), target: "_blank", rel: "noopener" }));
                    done.appendChild(p);
                    box.replaceChildren(done);
                    return;
                }
                var errors = answer.json.errors || [];
                error.textContent = errors.length ? errors.map(function (e) { return e.field + ": " + e.message; }).join(". ")
                    : (answer.json.detail || "Something went wrong; please try again.");
            }).catch(function () {
                button.disabled = false;
                error.textContent = "We could not reach the contest; please try again.";
            });
        });
    }

    document.querySelectorAll("[data-iabulk-contest]:not([data-iabulk-ready])").forEach(draw);
})();
