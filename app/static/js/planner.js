/* Tour planner: choosing a known place fills the start's latitude/longitude (and moves the
   map pin through location-picker.js); clicking the map or typing numbers switches the place
   to "custom point". (Print buttons are app.js's, site-wide.) */
(function () {
  "use strict";

  var place = document.getElementById("place");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");

  function fillFromPlace() {
    var option = place.options[place.selectedIndex];
    if (!option || !option.dataset.lat) {
      return;
    }
    lat.value = option.dataset.lat;
    lon.value = option.dataset.lon;
    lat.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function becomeCustom(event) {
    if (event.isTrusted || event.type === "change") {
      place.value = "";
    }
  }

  if (place && lat && lon) {
    place.addEventListener("change", fillFromPlace);
    lat.addEventListener("change", becomeCustom);
    lon.addEventListener("change", becomeCustom);
    lat.addEventListener("input", becomeCustom);
    lon.addEventListener("input", becomeCustom);
    if (place.value && !lat.value && !lon.value) {
      fillFromPlace();
    }
  }
})();
