/* The overview map's villages: fetched as GeoJSON from our API (the browser revalidates it by
   ETag), clustered with Leaflet.markercluster, filtered by craft without reloading the page.
   Every text from the data goes into the page as text nodes, never as HTML. */
(function () {
  "use strict";

  var box = document.getElementById("village-map");
  if (!box) {
    return;
  }
  var map = window[box.dataset.mapName];
  var cluster = window[box.dataset.clusterName];
  // a page may hold its villages inline (the list's search results): then the craft select
  // belongs to the list's own form and is left alone
  var inline = box.dataset.villagesJson ? document.getElementById(box.dataset.villagesJson) : null;
  var select = inline ? null : document.getElementById("craft");
  var empty = document.getElementById("map-empty");
  var status = document.getElementById("map-status");
  var language = document.documentElement.lang === "vi" ? "vi" : "en";
  var other = language === "vi" ? "en" : "vi";
  var data = null;

  function pick(names) {
    return (names && (names[language] || names[other])) || "";
  }

  function villageName(properties) {
    return properties["name_" + language] || properties["name_" + other] || properties.slug;
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function popup(properties) {
    var content = element("div", "", "ln-popup");
    if (properties.photo) {
      var picture = element("img", "", "ln-popup-photo");
      picture.src = properties.photo;
      picture.alt = "";
      picture.width = 240;
      picture.height = 150;
      content.appendChild(picture);
    }
    content.appendChild(element("strong", villageName(properties)));
    var crafts = properties.crafts.map(function (slug) { return pick(data.crafts[slug]); });
    content.appendChild(element("div", crafts.join(", ") || box.dataset.labelOther));
    if (properties.approximate) {
      content.appendChild(element("small", box.dataset.labelApproximate, "text-muted d-block"));
    }
    var link = element("a", box.dataset.labelOpen);
    link.href = properties.url;
    content.appendChild(link);
    return content;
  }

  function marker(feature) {
    var properties = feature.properties;
    var point = feature.geometry.coordinates;
    var icon = L.divIcon({
      html: '<span class="ln-pin ln-pin--' + (properties.approximate ? "approx" : "exact") + '"></span>',
      className: "ln-marker",
      iconSize: [22, 22],
      iconAnchor: [11, 11],
    });
    var pin = L.marker([point[1], point[0]], { icon: icon, title: villageName(properties) });
    pin.bindPopup(function () { return popup(properties); }, { maxWidth: 280 });
    return pin;
  }

  function show(craft) {
    var chosen = data.features.filter(function (feature) {
      return !craft || feature.properties.crafts.indexOf(craft) !== -1;
    });
    cluster.clearLayers();
    if (chosen.length) {
      var points = chosen.map(function (feature) {
        return [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      });
      // move first, then add: markers added during a move can miss the cluster's redraw
      map.fitBounds(L.latLngBounds(points), { padding: [20, 20], maxZoom: 13, animate: false });
    }
    cluster.addLayers(chosen.map(marker));
    if (empty) {
      empty.classList.toggle("d-none", chosen.length > 0);
    }
    box.dataset.shown = String(chosen.length);
  }

  function choose() {
    show(select.value);
    var url = new URL(window.location.href);
    if (select.value) {
      url.searchParams.set("craft", select.value);
    } else {
      url.searchParams.delete("craft");
    }
    window.history.replaceState(null, "", url);
  }

  var loaded = inline
    ? Promise.resolve().then(function () { return JSON.parse(inline.textContent); })
    : fetch(box.dataset.villagesUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    });
  // a map first drawn inside a closed <details> has no size: measure again when it opens
  var section = box.closest("details");
  if (section) {
    section.addEventListener("toggle", function () {
      if (section.open && data) {
        map.invalidateSize();
        show(select ? select.value : "");
      }
    });
  }
  loaded
    .then(function (collection) {
      data = collection;
      show(select ? select.value : "");
      if (select) {
        select.addEventListener("change", choose);
      }
      box.dataset.loaded = "true";
    })
    .catch(function () {
      if (status) {
        status.textContent = box.dataset.labelFailed;
      }
    });
})();
