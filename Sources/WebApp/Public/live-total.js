// The running total of a scored form (self-assessment, appraisal) as the answers change: the
// same rules as the server's scoring, for guidance only — the server's result is the one kept.
(function () {
  "use strict";
  var output = document.getElementById("live-total");
  if (!output) return;
  var form = output.closest("form");

  function points(field) {
    var most = parseInt(field.dataset.maximum || "0", 10);
    var worth = parseInt(field.dataset.points || "0", 10);
    var radio = field.querySelector("input[type=radio]:checked");
    if (field.querySelector("input[type=radio]")) return radio && radio.value === "có" ? worth : 0;
    var select = field.querySelector("select");
    if (select) {
      var option = select.options[select.selectedIndex];
      return option && option.dataset.points ? parseInt(option.dataset.points, 10) : 0;
    }
    if (field.dataset.atLeast) {
      var parts = field.querySelectorAll(".share input");
      var k = parseInt(parts[0].value, 10), n = parseInt(parts[1].value, 10);
      if (!(n > 0) || !(k >= 0) || k > n) return 0;
      return k * 10000 >= parseInt(field.dataset.atLeast, 10) * n ? worth : 0;
    }
    var input = field.querySelector("input[type=text]:not([name^='reason-'])");
    var value = input ? parseInt(input.value, 10) : NaN;
    return isNaN(value) ? 0 : Math.max(0, Math.min(most, value));
  }

  function update() {
    var total = 0;
    form.querySelectorAll("[data-indicator]").forEach(function (field) { total += points(field); });
    output.textContent = String(total);
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
