// The source page: the passage named in the address (#ev-KEY or #p-KEY) is marked in the text
// and in the list, and brought into view in both.
(function () {
  "use strict";
  function mark() {
    var match = /^#(?:ev|p)-([0-9a-f]+)$/.exec(window.location.hash);
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    if (!match) { return; }
    var key = match[1];
    var first = null;
    document.querySelectorAll("a.ev").forEach(function (el) {
      if ((el.dataset.ev || "").split(" ").indexOf(key) >= 0) {
        el.classList.add("current");
        first = first || el;
      }
    });
    var item = document.getElementById("p-" + key);
    if (item) {
      item = item.tagName === "LI" ? item : item.parentElement;
      item.classList.add("current");
      item.scrollIntoView({ block: "center" });
    }
    if (first) { first.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
