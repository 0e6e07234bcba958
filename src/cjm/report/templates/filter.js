(function () {
  "use strict";
  var form = document.getElementById("persona-filter");
  if (!form) { return; }
  form.hidden = false;
  var marks = document.querySelectorAll("[data-persona]");
  var groups = document.querySelectorAll("[data-personas]");
  function update() {
    var shown = Object.create(null);
    var boxes = form.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) { shown[boxes[i].value] = boxes[i].checked; }
    for (var j = 0; j < marks.length; j++) {
      marks[j].classList.toggle("dimmed", shown[marks[j].getAttribute("data-persona")] === false);
    }
    for (var k = 0; k < groups.length; k++) {
      var ids = groups[k].getAttribute("data-personas").split(" ");
      var hidden = ids.every(function (id) { return shown[id] === false; });
      groups[k].classList.toggle("dimmed", hidden);
    }
  }
  form.addEventListener("change", update);
  update();
})();
(function () {
  "use strict";
  // The funnel's switch: one group's funnel on screen at a time. Without script, and on
  // paper, every group's funnel shows.
  var bar = document.getElementById("funnel-switch");
  if (!bar) { return; }
  bar.hidden = false;
  var buttons = bar.querySelectorAll("button[data-funnel]");
  var panels = document.querySelectorAll("[data-funnel-panel]");
  function show(key) {
    for (var i = 0; i < panels.length; i++) {
      panels[i].classList.toggle("funnel-off", panels[i].getAttribute("data-funnel-panel") !== key);
    }
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].setAttribute("aria-pressed", String(buttons[j].getAttribute("data-funnel") === key));
    }
  }
  bar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-funnel]");
    if (button) { show(button.getAttribute("data-funnel")); }
  });
  if (buttons.length) { show(buttons[0].getAttribute("data-funnel")); }
})();
