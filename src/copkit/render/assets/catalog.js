/* copkit: filter the practice catalog by status and tag. Ships with the site; no CDN. */
(function () {
  "use strict";
  function setup() {
    var holder = document.getElementById("copkit-filter");
    if (!holder || holder.dataset.ready) { return; }
    var table = null;
    for (var node = holder.nextElementSibling; node; node = node.nextElementSibling) {
      table = node.tagName === "TABLE" ? node : node.querySelector("table");
      if (table) { break; }
    }
    if (!table) { return; }
    holder.dataset.ready = "1";
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    var statusColumn = headers.indexOf("Status");
    var tagsColumn = headers.indexOf("Tags");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    function values(row, column) {
      var cell = row.children[column];
      return cell ? cell.textContent.trim().split(/\s+/).filter(Boolean) : [];
    }
    function choices(column) {
      var seen = {};
      rows.forEach(function (row) { values(row, column).forEach(function (v) { seen[v] = true; }); });
      return Object.keys(seen).sort();
    }
    function select(name, options) {
      var label = document.createElement("label");
      label.textContent = name + " ";
      var element = document.createElement("select");
      element.setAttribute("aria-label", name);
      element.dataset.filter = name.toLowerCase();
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "any";
      element.appendChild(any);
      options.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        element.appendChild(option);
      });
      label.appendChild(element);
      holder.appendChild(label);
      return element;
    }
    var status = select("Status", choices(statusColumn));
    var tag = select("Tag", choices(tagsColumn));
    var count = document.createElement("span");
    count.className = "copkit-filter__count";
    holder.appendChild(count);
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!status.value || values(row, statusColumn).indexOf(status.value) >= 0) &&
          (!tag.value || values(row, tagsColumn).indexOf(tag.value) >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " shown";
    }
    status.addEventListener("change", apply);
    tag.addEventListener("change", apply);
    apply();
  }
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
