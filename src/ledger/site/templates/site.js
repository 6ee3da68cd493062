// The filter box of the index: narrows the list of units to those whose id or name holds what
// is typed. Without JavaScript the box stays hidden and the whole list shows.
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var table = document.getElementById("units");
  if (!box || !table) {
    return;
  }
  var input = box.querySelector("input");
  var rows = table.tBodies[0].rows;
  box.hidden = false;
  input.addEventListener("input", function () {
    var wanted = input.value.trim().toLowerCase();
    for (var i = 0; i < rows.length; i++) {
      var name = (rows[i].getAttribute("data-name") || "").toLowerCase();
      rows[i].hidden = wanted !== "" && name.indexOf(wanted) < 0;
    }
  });
})();
