/* Briefings search page: Pagefind UI (loads index chunks on demand). ?q=term pre-fills the query. */
(function () {
  "use strict";
  function start() {
    if (!window.PagefindUI) { return; }
    var ui = new window.PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }
  if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
