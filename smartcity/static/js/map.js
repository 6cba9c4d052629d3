// Choropleth of certified areas per province. No tile layer: the provinces are the map,
// so the page makes no request outside this site.
(function () {
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") return;
  var map = L.map(element, { zoomSnap: 0.25, attributionControl: true }).setView([13.2, 101.0], 5.5);
  map.attributionControl.setPrefix(false);
  function colour(n) {
    return n >= 5 ? "#0b4a40" : n >= 3 ? "#1f7a6a" : n === 2 ? "#5fb3a1" : n === 1 ? "#b9dfd6" : "#eef2f5";
  }
  fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var layer = L.geoJSON(collection, {
        attribution: collection.attribution,
        style: function (feature) {
          return { color: "#5b6b73", weight: 0.7, fillOpacity: 0.9, fillColor: colour(feature.properties.areas) };
        },
        onEachFeature: function (feature, shape) {
          var p = feature.properties;
          shape.bindTooltip(p.name + ": " + p.areas + " " + element.dataset.labelAreas, { sticky: true });
          shape.on("click", function () { window.location.href = p.url; });
          shape.on("mouseover", function () { shape.setStyle({ weight: 2, color: "#0b4a40" }); });
          shape.on("mouseout", function () { layer.resetStyle(shape); });
          if (shape.getElement) {
            shape.on("add", function () {
              var el = shape.getElement();
              if (!el) return;
              // Each province opens its page: say so to assistive technology and keyboards.
              el.setAttribute("data-province", p.code);
              el.setAttribute("role", "link");
              el.setAttribute("tabindex", "0");
              el.setAttribute("aria-label", p.name + ": " + p.areas + " " + element.dataset.labelAreas);
              el.addEventListener("keydown", function (event) {
                if (event.key === "Enter") window.location.href = p.url;
              });
            });
          }
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      element.dataset.ready = "true";
    });
})();
