// Redoc for /api/v1/redoc/: the schema's address and the page's CSP nonce come from the
// element's data attributes (no inline script); Redoc puts the nonce on the <style>
// elements it writes, which the page's policy allows.
(function () {
  var element = document.getElementById("redoc");
  if (!element || !window.Redoc) {
    return;
  }
  window.Redoc.init(
    element.dataset.specUrl,
    { nonce: element.dataset.nonce, hideDownloadButton: false, expandResponses: "200" },
    element
  );
})();
