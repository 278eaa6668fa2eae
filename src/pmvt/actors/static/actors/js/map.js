/* Maps of the actors' directory and pages (Leaflet).
 *
 * The markers come from the JSON block #actors-map-data written by the page; the icons'
 * addresses from data attributes of the map element. Optional: without JavaScript the map
 * stays hidden and the list on the page holds the same information.
 */
(function () {
  "use strict";

  var dataElement = document.getElementById("actors-map-data");
  var container = document.getElementById("actors-map");
  if (!dataElement || !container || typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  var data = JSON.parse(dataElement.textContent);
  var markers = data.markers || [];
  if (!markers.length) {
    return;
  }
  var section = container.closest("[data-map-section]");
  if (section) {
    section.hidden = false;
  }

  var map = L.map(container, { scrollWheelZoom: false });
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
  }
  var icon = L.icon({
    iconUrl: container.dataset.icon,
    iconRetinaUrl: container.dataset.iconRetina,
    shadowUrl: container.dataset.iconShadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41]
  });

  var points = [];
  markers.forEach(function (marker) {
    var popup = document.createElement("div");
    var title = document.createElement(marker.url ? "a" : "strong");
    if (marker.url) {
      title.href = marker.url;
    }
    title.textContent = marker.name;
    popup.appendChild(title);
    if (marker.meta) {
      var meta = document.createElement("p");
      meta.className = "actors-map__meta";
      meta.textContent = marker.meta;
      popup.appendChild(meta);
    }
    L.marker([marker.lat, marker.lng], { icon: icon, title: marker.name, alt: marker.name })
      .bindPopup(popup)
      .addTo(map);
    points.push([marker.lat, marker.lng]);
  });

  if (points.length === 1) {
    map.setView(points[0], 14);
  } else {
    map.fitBounds(points, { padding: [24, 24], maxZoom: 14 });
  }
})();
