/* Briefings search page: Pagefind UI (loads index chunks on demand). ?q=term fills in and runs the query. */
(function () {
  "use strict";
  function start() {
    if (!window.PagefindUI || !document.getElementById("pagefind-search")) { return; }
    var ui = new window.PagefindUI({
      element: "#pagefind-search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      excerptLength: 28,
      autofocus: !new URLSearchParams(location.search).get("q"),
      translations: { placeholder: "Search the briefings" }
    });
    var input = document.querySelector("#pagefind-search input");
    if (input) { input.setAttribute("aria-label", "Search the briefings"); }
    var q = new URLSearchParams(location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }
  if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
