// The area boundary on the proposal: shows the saved one, and lets a person draw a new
// polygon without any plugin: click to add corners, Finish to close it.
(function () {
  var element = document.getElementById("boundary-map");
  if (!element || typeof L === "undefined") return;
  var map = L.map(element, { attributionControl: false }).setView([13.2, 101.0], 5);
  fetch(element.dataset.provinces || "/map/provinces.geojson").then(function (r) { return r.json(); }).then(function (provinces) {
    var country = L.geoJSON(provinces, { interactive: false, style: { color: "#8aa0aa", weight: 0.6, fillColor: "#eef2f5", fillOpacity: 0.8 } }).addTo(map).bringToBack();
    if (!saved) map.fitBounds(country.getBounds());
  });
  var saved = JSON.parse(document.getElementById("boundary-data").textContent);
  if (saved) {
    var layer = L.geoJSON(saved, { style: { color: "#0b4a40", weight: 2, fillColor: "#5fb3a1", fillOpacity: 0.5 } }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [20, 20] });
  }
  var start = document.getElementById("draw-start");
  var finish = document.getElementById("draw-finish");
  var output = document.getElementById("id_geojson");
  if (!start || !finish || !output) return;
  var points = [], outline = null;
  function redraw() {
    if (outline) map.removeLayer(outline);
    outline = L.polygon(points, { color: "#e0a526", weight: 2 }).addTo(map);
  }
  function onClick(event) { points.push([event.latlng.lat, event.latlng.lng]); redraw(); }
  start.addEventListener("click", function () {
    points = []; redraw();
    map.on("click", onClick);
    element.classList.add("drawing");
    start.hidden = true; finish.hidden = false;
  });
  finish.addEventListener("click", function () {
    map.off("click", onClick);
    element.classList.remove("drawing");
    start.hidden = false; finish.hidden = true;
    if (points.length < 3) return;
    var ring = points.map(function (p) { return [p[1], p[0]]; });
    ring.push(ring[0]);
    output.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
  });
})();
