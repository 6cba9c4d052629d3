(function () {
  var element = document.getElementById("province-map");
  var source = document.getElementById("province-boundary");
  if (!element || !source || typeof L === "undefined") return;
  var geometry = JSON.parse(source.textContent);
  if (!geometry) return;
  var map = L.map(element, { zoomControl: false, attributionControl: false, dragging: false, scrollWheelZoom: false });
  var layer = L.geoJSON(geometry, { style: { color: "#0b4a40", weight: 1.5, fillColor: "#5fb3a1", fillOpacity: 0.6 } }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
})();
