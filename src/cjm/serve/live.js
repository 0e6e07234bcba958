(function () {
  "use strict";
  // cjm serve: when the preview renders again, fetch this page again and swap its body
  // in place, keeping the scroll position; the page is not reloaded (but see swap).
  var EVENTS = "/_cjm/events";
  var busy = false;
  var again = false;
  var connection = "connecting";

  function shown() {
    var panel = document.getElementById("cjm-live");
    return panel ? panel.getAttribute("data-generation") : null;
  }

  function mark(state) {
    connection = state;
    var panel = document.getElementById("cjm-live");
    if (panel) { panel.setAttribute("data-connection", state); }
  }

  // Scripts put in by swapping do not run: run each page script again, ours aside. Data
  // blocks (a search index as JSON) stay as they are.
  var RUNNABLE = ["", "text/javascript", "application/javascript", "module"];
  function rerun(root) {
    var scripts = root.querySelectorAll("script");
    for (var i = 0; i < scripts.length; i++) {
      var old = scripts[i];
      if (old.id === "cjm-live-script") { continue; }
      if (RUNNABLE.indexOf((old.getAttribute("type") || "").toLowerCase()) < 0) { continue; }
      var fresh = document.createElement("script");
      var names = old.getAttributeNames();
      for (var k = 0; k < names.length; k++) { fresh.setAttribute(names[k], old.getAttribute(names[k])); }
      fresh.textContent = old.textContent;
      old.parentNode.replaceChild(fresh, old);
    }
  }

  function policy(doc) {
    var meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function swap(text) {
    var next = new DOMParser().parseFromString(text, "text/html");
    // A page of another kind (a "Not found" page whose report is back): its scripts need
    // its own policy, which only loading it brings.
    if (policy(next) !== policy(document)) { window.location.reload(); return; }
    var x = window.scrollX;
    var y = window.scrollY;
    document.title = next.title;
    // The page's own stylesheets, which a new rendering may change.
    var styles = document.head.querySelectorAll("style");
    for (var i = 0; i < styles.length; i++) { styles[i].remove(); }
    var fresh = next.head.querySelectorAll("style");
    for (var j = 0; j < fresh.length; j++) { document.head.appendChild(document.adoptNode(fresh[j])); }
    var body = document.body;
    var names = body.getAttributeNames();
    for (var k = 0; k < names.length; k++) { body.removeAttribute(names[k]); }
    var kept = next.body.getAttributeNames();
    for (var m = 0; m < kept.length; m++) { body.setAttribute(kept[m], next.body.getAttribute(kept[m])); }
    var nodes = [];
    while (next.body.firstChild) { nodes.push(document.adoptNode(next.body.firstChild)); }
    body.replaceChildren.apply(body, nodes);
    rerun(body);
    mark(connection);
    window.scrollTo(x, y);
    document.dispatchEvent(new CustomEvent("cjm:updated"));
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(window.location.href, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(swap)
      .catch(function () { mark("lost"); })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  function listen() {
    var source = new EventSource(EVENTS);
    source.addEventListener("open", function () { mark("live"); });
    source.addEventListener("error", function () { mark("lost"); });
    // The generation of the newest rendering, on connecting and after each rendering.
    source.addEventListener("update", function (event) {
      mark("live");
      if (event.data !== shown()) { refresh(); }
    });
  }

  if (window.EventSource && window.fetch && window.DOMParser) { listen(); }
})();
