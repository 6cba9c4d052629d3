// Loaded before Redoc's bundle on /api/v1/redoc/ only. The bundle writes some of its CSS
// (its scroll bars') into a <style> element as it loads, before Redoc.init can hand it
// the page's CSP nonce, and the policy refuses a <style> without it. Every <style> added
// to the page from here on gets the nonce (read from this script's data-nonce) just
// before it is inserted. Scripts are untouched: the policy still allows only our own.
(function () {
  var script = document.currentScript;
  var nonce = script && script.dataset.nonce;
  if (!nonce) {
    return;
  }
  function stamped(node) {
    if (node && node.nodeName === "STYLE" && !node.nonce) {
      node.nonce = nonce;
      node.setAttribute("nonce", nonce);
    }
    return node;
  }
  var append = Node.prototype.appendChild;
  var insert = Node.prototype.insertBefore;
  Node.prototype.appendChild = function (child) {
    return append.call(this, stamped(child));
  };
  Node.prototype.insertBefore = function (child, reference) {
    return insert.call(this, stamped(child), reference);
  };
})();
