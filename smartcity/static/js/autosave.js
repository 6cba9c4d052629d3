// Nothing a person types is lost: every change is kept in this browser until the server
// confirms it saved it (htmx posts the section after a pause). If the session expired or
// the server refused a stale copy, the text stays here and can be restored on return.
// A full submit is answered by a new page: the server names the form it saved in
// data-autosave-confirmed (maybe the previous section's), and that copy is forgotten, so a
// saved text is never offered back as "not saved".
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var key = "smartcity:" + form.dataset.autosave;
  if (form.dataset.autosaveConfirmed) {
    try { localStorage.removeItem("smartcity:" + form.dataset.autosaveConfirmed); } catch (e) { /* storage disabled */ }
  }

  function snapshot() {
    var values = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "file" || el.name === "csrfmiddlewaretoken" || el.name === "revision") return;
      if (el.type === "checkbox") values.push(["checkbox", el.name, el.value, el.checked]);
      else if (el.multiple) values.push([el.name, Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; })]);
      else values.push([el.name, el.value]);
    });
    return values;
  }

  function restore(values) {
    values.forEach(function (pair) {
      if (pair[0] === "checkbox") {  // one of a list of checkboxes sharing a name
        Array.prototype.forEach.call(form.elements, function (box) {
          if (box.type === "checkbox" && box.name === pair[1] && box.value === pair[2]) box.checked = pair[3];
        });
        return;
      }
      var el = form.elements.namedItem(pair[0]);
      if (!el || el.length > 1 && !el.multiple) return;
      if (el.type === "checkbox") el.checked = pair[1] === "on";
      else if (el.multiple) Array.prototype.forEach.call(el.options, function (o) { o.selected = pair[1].indexOf(o.value) >= 0; });
      else el.value = pair[1];
    });
  }

  function keep() {
    try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: snapshot() })); } catch (e) { /* storage full or disabled */ }
  }

  var saved = JSON.parse(localStorage.getItem(key) || "null");
  if (saved && JSON.stringify(saved.values) !== JSON.stringify(snapshot())) {
    var banner = form.querySelector(".restore");
    banner.hidden = false;
    banner.querySelector(".restore-button").addEventListener("click", function () {
      restore(saved.values);
      banner.hidden = true;
      // Choices fetched from the server (the districts of the restored provinces) come
      // back after a moment: tick the restored ones then too.
      var fetchers = form.querySelectorAll("[hx-get]");
      if (fetchers.length) {
        form.addEventListener("htmx:afterSettle", function again() {
          form.removeEventListener("htmx:afterSettle", again);
          restore(saved.values);
          form.dispatchEvent(new Event("change", { bubbles: true }));
        });
        Array.prototype.forEach.call(fetchers, function (el) { el.dispatchEvent(new Event("change")); });
      }
      form.dispatchEvent(new Event("change", { bubbles: true }));
    });
  } else if (saved) {
    localStorage.removeItem(key);
  }

  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  // Changes made, and changes the last request sent carried: a reply is about the latter.
  var changes = 0, sent = 0;
  form.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt === form) sent = changes;
  });
  form.addEventListener("htmx:afterSwap", function () {
    var status = form.querySelector("#autosave-status [data-saved]");
    if (status && status.dataset.saved === "true" && changes === sent) localStorage.removeItem(key);
  });
  form.addEventListener("submit", keep);

  // The Save button pressed while an autosave is on its way: the page still holds the
  // revision it had before that autosave, so the server would take the full save for a
  // colleague's stale copy. Wait for the autosave's answer (which brings the new
  // revision), then submit; after 15 s without one, submit anyway.
  var inFlight = 0, waitingSubmit = null;
  form.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt === form) inFlight += 1;
  });
  form.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form) return;
    inFlight = Math.max(0, inFlight - 1);
    if (inFlight === 0 && waitingSubmit) {
      var submitter = waitingSubmit;
      waitingSubmit = null;
      setTimeout(function () { form.requestSubmit(submitter.nodeType ? submitter : undefined); }, 0);
    }
  });
  form.addEventListener("submit", function (event) {
    if (inFlight === 0) return;
    event.preventDefault();
    waitingSubmit = event.submitter || true;
    setTimeout(function () {
      if (!waitingSubmit) return;
      var submitter = waitingSubmit;
      waitingSubmit = null;
      inFlight = 0;
      form.requestSubmit(submitter.nodeType ? submitter : undefined);
    }, 15000);
  });

  // The status line always says something once a save starts: "saving", then the server's
  // answer, or "not saved" when no answer came (htmx swaps nothing on an error or a lost
  // connection). The text itself stays in this browser until a reply says saved.
  var slot = form.querySelector("#autosave-status");
  function say(state, text) {
    var span = document.createElement("span");
    span.className = "autosave-status " + (state === "false" ? "not-saved" : "saving");
    span.dataset.saved = state;
    span.setAttribute("role", "status");
    span.textContent = text;
    slot.replaceChildren(span);
  }
  // From the first keystroke, not from when the request leaves: a "saved" on screen is
  // always about the latest change.
  function changed() {
    changes += 1;
    say("pending", slot.dataset.saving);
  }
  if (form.hasAttribute("hx-post")) {
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("htmx:afterSwap", function () {
      if (changes !== sent) say("pending", slot.dataset.saving);  // the next request is queued
    });
  }
  ["htmx:responseError", "htmx:sendError", "htmx:timeout"].forEach(function (name) {
    form.addEventListener(name, function (event) {
      if (event.detail.elt === form) say("false", slot.dataset.failed);
    });
  });

  // Text typed before this script and htmx arrived (a slow connection) fired no event that
  // anyone heard: keep it and save it now that htmx listens.
  function typedEarly() {
    return Array.prototype.some.call(form.elements, function (el) {
      if (!el.name || !/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) return false;  // not buttons
      if (/^(hidden|file|submit|button|reset|image)$/.test(el.type)) return false;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.options) {
        var chosen = Array.prototype.some.call(el.options, function (o) { return o.defaultSelected; });
        return Array.prototype.some.call(el.options, function (o, i) {
          return o.selected !== (chosen ? o.defaultSelected : !el.multiple && i === 0);
        });
      }
      return el.value !== el.defaultValue;
    });
  }
  var checked = false;
  function saveEarlyText() {
    if (checked) return;
    checked = true;
    if (!typedEarly()) return;
    keep();
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }
  // htmx sets up the form on DOMContentLoaded, in a listener added before these (a deferred
  // script runs before that event, while the document is already "interactive").
  document.addEventListener("DOMContentLoaded", saveEarlyText);
  window.addEventListener("load", saveEarlyText);
  if (document.readyState === "complete") saveEarlyText();
})();
