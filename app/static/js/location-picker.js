/* Location picker of the host's village form: click the map or drag the pin to fill the
   latitude/longitude inputs; typing in the inputs moves the pin. Loaded after the folium map
   script, whose map and marker are globals named in the data-* attributes of the wrapper. */
(function () {
  "use strict";

  var box = document.querySelector("[data-location-picker]");
  if (!box || typeof L === "undefined") {
    return;
  }
  var map = window[box.dataset.map];
  var marker = box.dataset.marker ? window[box.dataset.marker] : null;
  var latInput = document.getElementById(box.dataset.lat);
  var lonInput = document.getElementById(box.dataset.lon);
  var status = document.getElementById(box.dataset.status);
  if (!map || !latInput || !lonInput) {
    return;
  }

  function fixed(value) {
    return (Math.round(value * 1e6) / 1e6).toFixed(6);
  }

  function announce(latlng) {
    if (status) {
      status.textContent = box.dataset.moved.replace("{point}", fixed(latlng.lat) + ", " + fixed(latlng.lng));
    }
  }

  function fillInputs(latlng) {
    latInput.value = fixed(latlng.lat);
    lonInput.value = fixed(latlng.lng);
    latInput.dispatchEvent(new Event("change", { bubbles: true }));
    announce(latlng);
  }

  function newMarker(latlng) {
    var icon = L.divIcon({
      className: "ln-marker ln-marker--picker",
      html: '<span class="ln-pin ln-pin--exact"></span>',
      iconSize: [22, 22],
      iconAnchor: [11, 11],
    });
    return L.marker(latlng, { icon: icon, draggable: true }).addTo(map);
  }

  function placeMarker(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
      return;
    }
    marker = newMarker(latlng);
    marker.on("dragend", function () { fillInputs(marker.getLatLng()); });
  }

  function typedPoint() {
    var lat = parseFloat(latInput.value.replace(",", "."));
    var lon = parseFloat(lonInput.value.replace(",", "."));
    if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      return null;
    }
    return L.latLng(lat, lon);
  }

  function followInputs() {
    var latlng = typedPoint();
    if (latlng) {
      placeMarker(latlng);
      map.panTo(latlng);
    }
  }

  if (marker) {
    marker.on("dragend", function () { fillInputs(marker.getLatLng()); });
  }
  map.on("click", function (event) {
    placeMarker(event.latlng);
    fillInputs(event.latlng);
  });
  latInput.addEventListener("input", followInputs);
  lonInput.addEventListener("input", followInputs);
  followInputs();
})();
