// On a wide screen the registry filters start open; on a phone they fold away under
// "More filters" so the results are on the first screen.
(function () {
  if (!window.matchMedia("(min-width: 760px)").matches) return;
  document.querySelectorAll("details.more-filters").forEach(function (d) { d.open = true; });
})();
