// Drag and drop for file fields: a file dropped on the field's box is put into the field, as if
// chosen with the button. Without JavaScript the plain file field works as it is.
(function () {
  if (!window.DataTransfer) return;
  Array.prototype.forEach.call(document.querySelectorAll("input[type=file]"), function (input) {
    var zone = input.closest(".field") || input.parentNode;
    zone.classList.add("dropzone");
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dropping"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dropping"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      if (!files || files.length === 0) return;
      var chosen = new DataTransfer();
      var count = input.multiple ? files.length : 1;
      for (var i = 0; i < count; i++) chosen.items.add(files[i]);
      input.files = chosen.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
})();

// The template's drop-down of awards follows the round chosen on the import form.
(function () {
  var link = document.querySelector("a[data-template]");
  var round = document.getElementById("roundID");
  if (!link || !round) return;
  round.addEventListener("change", function () { link.href = link.getAttribute("data-template") + encodeURIComponent(round.value); });
})();
