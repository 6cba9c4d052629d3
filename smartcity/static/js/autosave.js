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
  form.addEventListener("htmx:afterSwap", function () {
    var status = form.querySelector("#autosave-status [data-saved]");
    if (status && status.dataset.saved === "true") localStorage.removeItem(key);
  });
  form.addEventListener("submit", keep);
})();
