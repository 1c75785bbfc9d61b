// Keeps the queue current without a full reload: on each change the server announces (server-sent
// events, only for nominations in the reader's scope), the table is fetched again and replaced.
// Without JavaScript the page works as it is; a reload shows the same.
(function () {
  var table = document.getElementById("queue-table");
  var status = document.getElementById("live-status");
  if (!table || !window.EventSource || !window.fetch) return;
  var pending = null;
  function refresh() {
    pending = null;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("queue-table");
        if (!fresh) return;
        var checked = Array.prototype.map.call(table.querySelectorAll("input[name=pick]:checked"), function (box) { return box.id; });
        table.innerHTML = fresh.innerHTML;
        checked.forEach(function (id) { var box = document.getElementById(id); if (box) box.checked = true; });
        status.textContent = "Đã cập nhật lúc " + new Date().toLocaleTimeString("vi-VN") + ".";
      });
  }
  var events = new EventSource(table.getAttribute("data-events"));
  events.addEventListener("nomination", function () {
    if (!pending) pending = setTimeout(refresh, 500);
  });
})();
