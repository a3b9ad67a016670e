/* Briefings search page: Pagefind UI (loads index chunks on demand) with facets by theme, type and year.
   ?q=term fills in and runs the query; ?theme=, ?type= and ?year= (repeatable) tick those facets (the header
   box links to them). Each facet value shows how many of the current query's results it holds; "Clear
   filters" unticks them all. Each result opens the briefing at its best paragraph with the query
   words highlighted (BriefingsSearch.paragraphs in search-box.js, as the header box does); the next best
   paragraphs are listed under it. A large corpus is indexed in shards (pagefind/shard-N/, listed by
   pagefind/shards.js); the UI then searches them all through search-shards/pagefind.js. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  var FACETS = ["Theme", "Type", "Year"];  // the names of the filters each briefing page carries (site/pages.py)
  function helper() { return window.BriefingsSearch; }  // search-box.js, which theme/main.html fetches at once on this page

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
      // Through search-shards/ even for one index: it loads every filter index before the first search, so the
      // facets of a query given in the address always show every group (Pagefind UI alone races the two).
      bundlePath: shards ? new URL("search-shards/", here).pathname : undefined,
      element: "#pagefind-search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      excerptLength: 26,
      highlightParam: "highlight",
      processResult: toParagraphs,
      openFilters: window.matchMedia("(min-width: 45em)").matches ? FACETS : [],  // folded on phones, above the results
      autofocus: !new URLSearchParams(location.search).get("q"),
      translations: { placeholder: "Search the briefings" }
    });
    var input = document.querySelector("#pagefind-search input");
    if (input) { input.setAttribute("aria-label", "Search the briefings"); }
    var params = new URLSearchParams(location.search);
    var chosen = {};
    FACETS.forEach(function (name) {
      var values = params.getAll(name.toLowerCase()).filter(Boolean);
      if (values.length) { chosen[name] = values; }
    });
    if (Object.keys(chosen).length) { ui.triggerFilters(chosen); }
    clearButton(ui);
    var q = params.get("q");
    if (q) { ui.triggerSearch(q); }
  }

  // One button under the facets that unticks them all; shown while any is ticked. Pagefind UI redraws its
  // panel as results change, so the button is put back whenever the panel is new.
  function clearButton(ui) {
    var root = document.getElementById("pagefind-search");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bf-clear-filters";
    button.textContent = "Clear filters";
    button.hidden = true;
    function update() {
      var panel = root.querySelector(".pagefind-ui__filter-panel");
      if (panel && button.parentNode !== panel) { panel.appendChild(button); }
      var ticked = !!root.querySelector(".pagefind-ui__filter-checkbox:checked, .pagefind-ui__filter-value--checked");
      if (button.hidden === ticked) { button.hidden = !ticked; }
    }
    button.addEventListener("click", function () {
      ui.triggerFilters({});
      root.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (box) { box.checked = false; });
      button.hidden = true;
      var input = root.querySelector("input.pagefind-ui__search-input");
      if (input) { input.focus(); }
    });
    root.addEventListener("change", update);
    new MutationObserver(update).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  }
  function load() {
    import(new URL("../../pagefind/shards.js", here).href).then(
      function (list) { start(list.shards || []); },
      function () { start(null); }  // an index from before shards: Pagefind's own bundle
    );
  }
  // The results are drawn with search-box.js's paragraph helpers: wait for them (a few seconds at most: without
  // them a result still opens its briefing, at the top).
  function whenHelpers(go) {
    if (helper()) { go(); return; }
    var done = false;
    var once = function () { if (!done) { done = true; go(); } };
    document.addEventListener("briefings:search-ready", once);
    setTimeout(once, 3000);
  }
  function begin() { whenHelpers(load); }
  if (document.readyState !== "loading") { begin(); } else { document.addEventListener("DOMContentLoaded", begin); }
})();
