/* The booking form's total, recomputed as the guest changes adults and children. The server
   computed the same total into the page, which stays the truth without JavaScript. */
(function () {
  "use strict";
  var form = document.getElementById("booking-form");
  var total = document.getElementById("quote-total");
  if (!form || !total) {
    return;
  }
  var adults = form.querySelector("[name=adults]");
  var children = form.querySelector("[name=children]");
  var items = document.querySelectorAll("[data-quote-item]");
  var lines = document.querySelectorAll("[data-quote-line]");

  function vnd(amount) {
    return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " ₫";
  }

  function count(input) {
    var value = parseInt(input && input.value, 10);
    return isNaN(value) || value < 0 ? 0 : Math.min(value, 1000);
  }

  function update() {
    var a = count(adults);
    var c = count(children);
    var sum = 0;
    items.forEach(function (item, index) {
      var price = a * Number(item.dataset.adult) + c * Number(item.dataset.child);
      sum += price;
      if (lines[index]) {
        lines[index].textContent = vnd(price);
      }
    });
    total.textContent = vnd(sum);
    total.dataset.total = String(sum);
  }

  [adults, children].forEach(function (input) {
    if (input) {
      input.addEventListener("input", update);
    }
  });
})();
