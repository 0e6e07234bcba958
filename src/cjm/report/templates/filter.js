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
