/* Briefings search page: Pagefind UI (loads index chunks on demand). ?q=term fills in and runs the query.
   A large corpus is indexed in shards (pagefind/shard-N/, listed by pagefind/shards.js); the UI then searches
   them all through search-shards/pagefind.js. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  function start() {
    if (!window.PagefindUI || !document.getElementById("pagefind-search")) { return; }
    var sharded = (window.briefingsSearchShards || []).length > 0;
    var ui = new window.PagefindUI({
      bundlePath: sharded ? new URL("search-shards/", here).pathname : undefined,
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
