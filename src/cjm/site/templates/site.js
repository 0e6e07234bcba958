(function () {
  "use strict";

  function text(node) { return (node.textContent || "").trim(); }

  // The pain-point register: filter rows by the values picked, sort by a column.
  function register() {
    var form = document.getElementById("register-filter");
    var table = document.getElementById("register");
    if (!form || !table) { return; }
    form.hidden = false;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var selects = form.querySelectorAll("select[data-filter]");
    var shown = document.getElementById("register-shown");
    function keeps(row) {
      for (var i = 0; i < selects.length; i++) {
        var wanted = selects[i].value;
        if (!wanted) { continue; }
        var key = selects[i].getAttribute("data-filter");
        var held = row.getAttribute("data-" + key) || "";
        if (key === "persona" && held === "") { continue; }  // hurts every persona
        if (held.split("\n").indexOf(wanted) < 0) { return false; }
      }
      return true;
    }
    function update() {
      var count = 0;
      rows.forEach(function (row) {
        var keep = keeps(row);
        row.hidden = !keep;
        if (keep) { count += 1; }
      });
      shown.textContent = String(count);
    }
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var heads = table.tHead.rows[0].cells;
    var order = { column: -1, up: true };
    function value(row, column) {
      var cell = row.cells[column];
      var given = cell.getAttribute("data-v");
      return given !== null ? Number(given) : text(cell).toLocaleLowerCase();
    }
    function sortBy(column) {
      order.up = order.column === column ? !order.up : true;
      order.column = column;
      var numeric = heads[column].getAttribute("data-numeric") === "1";
      var sorted = rows.slice().sort(function (a, b) {
        var x = value(a, column), y = value(b, column);
        var c = numeric ? y - x : (x < y ? -1 : x > y ? 1 : 0);  // numbers: worst first
        return order.up ? c : -c;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      for (var i = 0; i < heads.length; i++) {
        heads[i].setAttribute("aria-sort", i === column ? (order.up ? "ascending" : "descending") : "none");
      }
    }
    Array.prototype.forEach.call(heads, function (head, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = text(head);
      if (rows.length && rows[0].cells[column].getAttribute("data-v") !== null) {
        head.setAttribute("data-numeric", "1");
      }
      button.addEventListener("click", function () { sortBy(column); });
      head.textContent = "";
      head.appendChild(button);
    });
    update();
  }

  // The search page: read the index embedded in it, show what matches the words.
  function search() {
    var data = document.getElementById("search-index");
    var form = document.getElementById("search-form");
    if (!data || !form) { return; }
    var index = JSON.parse(data.textContent);
    var input = document.getElementById("search-q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var limit = 200;
    var lowered = index.e.map(function (entry) {
      var journey = entry[2] >= 0 ? index.j[entry[2]][0] : "";
      return (entry[1] + " " + journey).toLocaleLowerCase();
    });
    form.hidden = false;
    function link(entry) {
      var target = entry[3];
      if (target.charAt(0) !== "#") { return target; }
      var report = entry[2] >= 0 ? index.j[entry[2]][1] : "";
      return report ? report + target : "";
    }
    function show(query) {
      list.textContent = "";
      var words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      if (!words.length) { status.textContent = "Type words to find."; return; }
      var found = [];
      for (var i = 0; i < lowered.length; i++) {
        var all = true;
        for (var w = 0; w < words.length; w++) {
          if (lowered[i].indexOf(words[w]) < 0) { all = false; break; }
        }
        if (all) { found.push(i); }
      }
      status.textContent = found.length === 0 ? "Nothing matches."
        : found.length + (found.length === 1 ? " match" : " matches")
          + (found.length > limit ? "; the first " + limit + " are shown." : ".");
      found.slice(0, limit).forEach(function (at) {
        var entry = index.e[at];
        var item = document.createElement("li");
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = index.k[entry[0]];
        item.appendChild(kind);
        item.appendChild(document.createTextNode(" "));
        var href = link(entry);
        var name = document.createElement(href ? "a" : "span");
        if (href) { name.href = href; }
        name.dir = "auto";
        name.textContent = entry[1];
        item.appendChild(name);
        if (entry[2] >= 0) {
          var where = document.createElement("span");
          where.className = "muted small-inline";
          where.dir = "auto";
          where.textContent = " " + index.j[entry[2]][0];
          item.appendChild(where);
        }
        list.appendChild(item);
      });
    }
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    var header = document.getElementById("site-q");
    if (header) { header.value = query; }
    input.addEventListener("input", function () { show(input.value); });
    form.addEventListener("submit", function (event) { event.preventDefault(); show(input.value); });
    show(query);
  }

  register();
  search();
})();
