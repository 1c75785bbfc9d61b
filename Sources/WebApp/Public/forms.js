// While a form is being sent its buttons are disabled and turn into a spinner, so that a second
// click (an issue taking 14 s under load, a PDF taking 5) sends nothing twice. The buttons are
// disabled just after the browser has read the form, so the clicked button's value still goes.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    if (form.getAttribute("data-sending") === "1") { event.preventDefault(); return; }
    form.setAttribute("data-sending", "1");
    form.setAttribute("aria-busy", "true");
    setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.classList.add("busy");
      });
    }, 0);
  });
  // Back to a page from the history: its forms can be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      form.removeAttribute("data-sending");
      form.removeAttribute("aria-busy");
      form.querySelectorAll(".busy").forEach(function (button) { button.disabled = false; button.classList.remove("busy"); });
    });
  });
})();
