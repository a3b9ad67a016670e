/* Briefings search page: Pagefind UI (loads index chunks on demand). ?q=term fills in and runs the query.
   A large corpus is indexed in shards (pagefind/shard-N/, listed by pagefind/shards.js); the UI then searches
   them all through search-shards/pagefind.js. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  function start(shards) {
    if (!window.PagefindUI || !document.getElementById("pagefind-search")) { return; }
    var ui = new window.PagefindUI({
      bundlePath: shards.length ? new URL("search-shards/", here).pathname : undefined,
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
  function load() {
    import(new URL("../../pagefind/shards.js", here).href).then(
      function (list) { start(list.shards || []); },
      function () { start([]); }  // an index from before shards: one bundle
    );
  }
  if (document.readyState !== "loading") { load(); } else { document.addEventListener("DOMContentLoaded", load); }
})();
