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
    // Each row holds its filter values as positions in the selects' option lists, in the
    // selects' order: "severity status owner journey stage personas channels". A pain
    // point that names no persona lists every persona of its journey.
    var codes = rows.map(function (row) {
      return (row.getAttribute("data-f") || "").split(" ").map(function (field) {
        return field === "" ? [] : field.split(",");
      });
    });
    function keeps(at) {
      for (var i = 0; i < selects.length; i++) {
        var picked = selects[i].selectedIndex;
        if (picked < 1) { continue; }
        var held = codes[at][i] || [];
        if (held.indexOf(String(picked - 1)) < 0) { return false; }
      }
      return true;
    }
    function update() {
      var count = 0;
      rows.forEach(function (row, at) {
        var keep = keeps(at);
        row.hidden = !keep;
        if (keep) { count += 1; }
      });
      shown.textContent = String(count);
    }
    // Filters picked in the address: pain-points.html?persona=...&status=open
    function fromAddress() {
      var query = new URLSearchParams(window.location.search);
      var missing = [];
      Array.prototype.forEach.call(selects, function (select) {
        var wanted = query.get(select.getAttribute("data-filter"));
        if (wanted === null || wanted === "") { return; }
        for (var i = 1; i < select.options.length; i++) {
          if (select.options[i].value === wanted) { select.selectedIndex = i; return; }
        }
        missing.push(select.getAttribute("data-filter") + " \u201c" + wanted + "\u201d");
      });
      var note = document.getElementById("register-note");
      if (note && missing.length) {
        note.textContent = "No pain point here has " + missing.join(", ") + "; that filter is not applied.";
        note.hidden = false;
      }
    }
    form.addEventListener("change", update);
    form.addEventListener("reset", function (event) {
      event.preventDefault();  // clear the filters here, and count at once
      Array.prototype.forEach.call(selects, function (select) { select.selectedIndex = 0; });
      var note = document.getElementById("register-note");
      if (note) { note.hidden = true; }
      update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var heads = table.tHead.rows[0].cells;
    var order = { column: -1, up: true };
    // A column whose heading names a filter field sorts by the field's position (the
    // filter lists severities and statuses worst first); the others by their text.
    function value(at, column) {
      var field = heads[column].getAttribute("data-field");
      if (field !== null) { return Number((codes[at][Number(field)] || ["-1"])[0]); }
      return text(rows[at].cells[column]).toLocaleLowerCase();
    }
    function sortBy(column) {
      order.up = order.column === column ? !order.up : true;
      order.column = column;
      var numeric = heads[column].getAttribute("data-field") !== null;
      var keyed = rows.map(function (row, at) { return { row: row, v: value(at, column), at: at }; });
      keyed.sort(function (a, b) {
        var x = a.v, y = b.v;
        var c = numeric ? x - y : (x < y ? -1 : x > y ? 1 : 0);  // positions: worst first
        return (order.up ? c : -c) || a.at - b.at;
      });
      keyed.forEach(function (item) { body.appendChild(item.row); });
      for (var i = 0; i < heads.length; i++) {
        heads[i].setAttribute("aria-sort", i === column ? (order.up ? "ascending" : "descending") : "none");
      }
    }
    Array.prototype.forEach.call(heads, function (head, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = text(head);
      button.addEventListener("click", function () { sortBy(column); });
      head.textContent = "";
      head.appendChild(button);
    });
    fromAddress();
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
    // Entries: [kind, text's position in index.t, journey's in index.j or -1, target].
    var lowered = index.e.map(function (entry) {
      var journey = entry[2] >= 0 ? index.j[entry[2]][0] : "";
      return (index.t[entry[1]] + " " + journey).toLocaleLowerCase();
    });
    form.hidden = false;
    // A target ending in .html is a page of the site; any other is an id in the
    // journey's report, after the anchor prefix of the entry's kind.
    function link(entry) {
      var target = entry[3];
      if (/\.html$/.test(target)) { return target; }
      var report = entry[2] >= 0 ? index.j[entry[2]][1] : "";
      return report ? report + index.a[entry[0]] + target : "";
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
        name.textContent = index.t[entry[1]];
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
