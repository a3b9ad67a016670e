/* Briefings search page: Pagefind UI (loads index chunks on demand).
   ?q=term fills in and runs the query. Each result opens the briefing at its best paragraph with the query
   words highlighted (BriefingsSearch.paragraphs in search-box.js, as the header box does); the next best
   paragraphs are listed under it. A large corpus is indexed in shards (pagefind/shard-N/, listed by
   pagefind/shards.js); the UI then searches them all through search-shards/pagefind.js. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  function helper() { return window.BriefingsSearch; }  // search-box.js, on every page (it runs after this file)

  function toParagraphs(result) {
    var h = helper();
    if (!h) { return result; }
    var input = document.querySelector("#pagefind-search input");
    var found = h.paragraphs(result, 4, input ? input.value : "");
    if (!found.length) { return result; }
    // The first entry has the result's own address, so Pagefind UI shows its excerpt under the title
    // and the other paragraphs as sub-results.
    result.url = found[0].url;
    result.excerpt = found[0].excerpt;
    result.sub_results = found.map(function (p) {
      return { title: h.place(p) || "Further match", url: p.url, excerpt: p.excerpt, locations: p.locations, weighted_locations: [] };
    });
    return result;
  }

  function start(shards) {
    if (!window.PagefindUI || !document.getElementById("pagefind-search")) { return; }
    var ui = new window.PagefindUI({
      bundlePath: shards.length ? new URL("search-shards/", here).pathname : undefined,
      element: "#pagefind-search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      excerptLength: 26,
      highlightParam: "highlight",
      processResult: toParagraphs,
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
