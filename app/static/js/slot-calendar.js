// Month calendar of a workshop's slots with remaining places; changes month without reloading.
(function () {
  "use strict";
  const root = document.getElementById("slot-calendar");
  if (!root) return;
  const url = root.dataset.slotsUrl;
  const labels = JSON.parse(root.dataset.labels);
  const locale = root.dataset.lang === "vi" ? "vi-VN" : "en-GB";
  const today = root.dataset.today; // YYYY-MM-DD in Hanoi, from the server's clock
  const firstMonth = today.slice(0, 7); // nothing to book before this month
  let shown = root.dataset.month; // YYYY-MM: the month of the next open date

  const pad = (n) => String(n).padStart(2, "0");
  const monthParts = (ym) => ym.split("-").map(Number);
  const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const shift = (ym, delta) => {
    const [y, m] = monthParts(ym);
    const d = new Date(Date.UTC(y, m - 1 + delta, 1));
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1);
  };

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function load(ym) {
    const [y, m] = monthParts(ym);
    const query = "?from=" + ym + "-01&to=" + ym + "-" + pad(lastDay(y, m));
    root.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url + query, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.status);
      render(ym, await response.json());
    } catch (error) {
      root.querySelector(".cal-body").replaceChildren(el("p", "text-danger", labels.error));
    } finally {
      root.setAttribute("aria-busy", "false");
    }
  }

  function render(ym, slots) {
    const [y, m] = monthParts(ym);
    const title = new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(locale, {
      month: "long", year: "numeric", timeZone: "UTC" });
    root.querySelector(".cal-title").textContent = title;
    root.querySelector(".cal-prev").disabled = ym <= firstMonth;
    const byDay = {};
    for (const slot of slots) {
      const day = slot.starts_at.slice(0, 10); // local date: the API gives +07:00 times
      (byDay[day] = byDay[day] || []).push(slot);
    }
    const grid = el("div", "cal-grid");
    labels.weekdays.forEach((name) => grid.append(el("div", "cal-head", name)));
    const offset = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday first
    for (let i = 0; i < offset; i++) grid.append(el("div", "cal-day cal-empty"));
    for (let d = 1; d <= lastDay(y, m); d++) {
      const key = ym + "-" + pad(d);
      const cell = el("div", "cal-day" + (key < today ? " cal-past" : ""));
      const date = el("div", "cal-date", String(d));
      if (key === today) {
        cell.classList.add("cal-today");
        cell.setAttribute("aria-current", "date");
        date.append(" ", el("span", "badge text-bg-secondary cal-today-badge", labels.today));
      }
      cell.append(date);
      for (const slot of byDay[key] || []) {
        const open = slot.remaining > 0;
        const item = el(open ? "a" : "div", "cal-slot d-block text-decoration-none" + (open ? "" : " cal-full"));
        if (open) {
          item.href = root.dataset.bookUrl + "?slot_id=" + slot.id;
          item.title = labels.book;
        }
        item.dataset.slotId = slot.id;
        item.append(el("strong", "", slot.starts_at.slice(11, 16) + " "));
        item.append(el("span", "", slot.remaining > 0
          ? labels.left.replace("{n}", slot.remaining) : labels.full));
        cell.append(item);
      }
      grid.append(cell);
    }
    const count = el("p", "small text-muted mt-2 cal-count",
      slots.length ? labels.count.replace("{n}", slots.length) : labels.none);
    root.querySelector(".cal-body").replaceChildren(grid, count);
  }

  root.querySelector(".cal-prev").addEventListener("click", () => { shown = shift(shown, -1); load(shown); });
  root.querySelector(".cal-next").addEventListener("click", () => { shown = shift(shown, 1); load(shown); });
  load(shown);
})();
