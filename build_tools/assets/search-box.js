/* Briefings: instant search in the header of every page, and query words highlighted where a result lands.

   - The header form works without JavaScript (it opens the search page with ?q=). With JavaScript, results
     appear under the box as you type: Arrow keys move through them, Enter opens one (or, with none chosen,
     the search page), Escape closes the list. Under the results, the query's facets (theme, type, year, with
     counts) link to the search page with that facet ticked. Pagefind (and its index) is loaded on the first
     keystroke only.
   - A result opens the briefing at the paragraph that matches best (the paragraph anchors Pagefind records
     with each page), with ?highlight= for every query word; on arrival those words are marked in the full
     text (Pagefind's highlight script, loaded only when the address asks for it).
   - BriefingsSearch.paragraphs() is shared with the search page (search.js), so both land on the same paragraph.
   No inline script, no network beyond the site's own files. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  if (!here) { return; }
  var root = new URL("../../", here);  // the site root: this file is assets/briefings/search-box.js
  var PARAM = "highlight";
  var EXCERPT_WORDS = 26;
  var FACETS = ["Theme", "Type", "Year"];  // the filters each briefing page carries (site/pages.py), as on the search page
  var FACET_VALUES = 5;  // per group in the header panel; the search page lists them all

  // ---------------------------------------------------------------- paragraph-level results
  function isAnchor(a) {
    return /^(p-\d+|ref-[\w-]+)$/.test(a.id) || (/^h[2-4]$/i.test(a.element) && a.id !== "full-text");
  }

  function words(content) {
    return content.includes("\u200B") ? content.split("\u200B") : content.split(/[\r\n\s]+/g);
  }

  function norm(word) { return (word || "").toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""); }

  // Pagefind's fragment content is the page's plain text: escape each word before it joins excerpt HTML
  // (the search page hands excerpts to Pagefind UI, which inserts them as HTML).
  function esc(word) {
    return String(word).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  // Which query term a word of the page matches: Pagefind stems, so a shared prefix of up to five letters counts.
  function termOf(word, terms) {
    var w = norm(word);
    for (var i = 0; i < terms.length; i++) {
      var n = Math.min(terms[i].length, 5);
      if (n && w.slice(0, n) === terms[i].slice(0, n)) { return i; }
    }
    return -1;
  }

  /* The paragraphs of one Pagefind result that hold the query words, best first:
     [{anchor, number, url, excerpt (HTML as Pagefind escapes it), locations, score}].
     A paragraph ranks by how many different query words it holds, then by how many of them stand side by
     side as typed (a phrase), then by Pagefind's own weights: so "import substitution" lands on the
     paragraph that says it, not on one that says "important" (the same stem) more often. */
  function paragraphs(data, limit, query) {
    var anchors = (data.anchors || []).filter(isAnchor).sort(function (a, b) { return a.location - b.location; });
    var hits = data.weighted_locations && data.weighted_locations.length ? data.weighted_locations
      : (data.locations || []).map(function (l) { return { location: l, balanced_score: 1 }; });
    var all = words(data.content || "");
    var terms = (query || "").split(/\s+/).map(norm).filter(Boolean);
    var groups = {};
    var order = [];
    hits.forEach(function (hit) {
      var at = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= hit.location; i++) { at = i; }
      var key = at === null ? "top" : String(at);
      if (!groups[key]) { groups[key] = { at: at, weight: 0, locations: [] }; order.push(key); }
      groups[key].weight += hit.balanced_score || 1;
      groups[key].locations.push(hit.location);
    });
    var list = order.map(function (k) {
      var g = groups[k];
      g.locations.sort(function (a, b) { return a - b; });
      var seen = {};
      var pairs = 0;
      g.locations.forEach(function (l, j) {
        var t = termOf(all[l], terms);
        if (t >= 0) { seen[t] = true; }
        var next = g.locations[j + 1];
        if (next === l + 1 && t >= 0 && termOf(all[next], terms) === t + 1) { pairs++; }
      });
      g.score = Object.keys(seen).length * 1e6 + pairs * 1e4 + g.weight;
      return g;
    });
    list.sort(function (a, b) { return b.score - a.score || a.locations[0] - b.locations[0]; });
    var base = (data.url || "").split("#")[0];
    return list.slice(0, limit || 3).map(function (g) {
      var anchor = g.at === null ? null : anchors[g.at];
      var heading = anchor && /^h/i.test(anchor.element) ? anchor.text : null;
      var startcap = anchor ? anchor.location : 0;
      var endcap = g.at !== null && anchors[g.at + 1] ? anchors[g.at + 1].location : all.length;
      var first = Math.min.apply(null, g.locations);
      var start = Math.max(startcap, Math.min(first - 6, endcap - EXCERPT_WORDS));
      if (heading && endcap < all.length) {  // the heading is the entry's title: its excerpt is how the section begins
        start = startcap = endcap;
        endcap = anchors[g.at + 2] ? anchors[g.at + 2].location : all.length;
      }
      var marked = {};
      g.locations.forEach(function (l) { marked[l] = true; });
      var out = [];
      for (var w = start; w < Math.min(endcap, start + EXCERPT_WORDS); w++) {
        if (all[w] === undefined) { break; }
        var hit = marked[w] || (heading && termOf(all[w], terms) >= 0);  // a section's opening: its query words marked too
        out.push(hit ? "<mark>" + esc(all[w]) + "</mark>" : esc(all[w]));
      }
      var text = out.join(" ");
      if (start > startcap) { text = "… " + text; }
      if (start + EXCERPT_WORDS < endcap) { text += " …"; }
      return {
        anchor: anchor ? anchor.id : null,
        number: anchor && /^p-\d+$/.test(anchor.id) ? anchor.id.slice(2) : null,
        heading: heading,
        url: base + (anchor ? "#" + anchor.id : ""),
        excerpt: text,
        locations: g.locations,
        score: g.score
      };
    });
  }

  function place(p) {
    if (p.number) { return "¶" + p.number; }
    if (p.anchor && p.anchor.indexOf("ref-") === 0) { return "Reference"; }
    return p.heading || (p.anchor ? "" : "Title and header");
  }

  // Excerpt HTML (Pagefind's escaped text with <mark>) as DOM nodes, never through innerHTML.
  function excerptNodes(parent, html) {
    var decode = document.createElement("textarea");
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") { return true; }
      if (part === "</mark>") { return false; }
      decode.innerHTML = part.replace(/</g, "&lt;");
      var text = document.createTextNode(decode.value);
      if (inMark) { var m = document.createElement("mark"); m.appendChild(text); parent.appendChild(m); }
      else { parent.appendChild(text); }
      return inMark;
    }, false);
  }

  // ---------------------------------------------------------------- Pagefind, loaded once
  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/shards.js", root).href).then(
        function (list) { return (list.shards || []).length ? "assets/briefings/search-shards/pagefind.js" : "pagefind/pagefind.js"; },
        function () { return "pagefind/pagefind.js"; }
      ).then(function (path) {
        return import(new URL(path, root).href);
      }).then(function (pf) {
        return Promise.resolve(pf.options({ highlightParam: PARAM, excerptLength: EXCERPT_WORDS })).then(function () { return pf; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // ---------------------------------------------------------------- the header box
  function setupBox() {
    var form = document.querySelector("form.bf-header-search");
    var input = form && form.querySelector("input[name=q]");
    if (!input || input.dataset.bfReady) { return; }
    input.dataset.bfReady = "1";
    var box = document.createElement("div");
    box.className = "bf-suggest md-typeset";
    box.id = "bf-suggest";
    box.hidden = true;
    var status = document.createElement("p");
    status.className = "bf-suggest__status";
    status.setAttribute("role", "status");
    var list = document.createElement("ul");
    list.id = "bf-suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    box.appendChild(status);
    box.appendChild(list);
    form.appendChild(box);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "bf-suggest-list");
    input.setAttribute("aria-expanded", "false");
    var active = -1;
    var asked = 0;
    var filtersLoaded = null;
    var timer = 0;

    function options() { return list.querySelectorAll("[role=option]"); }
    function choose(i) {
      var all = options();
      active = all.length ? (i + all.length) % all.length : -1;
      all.forEach(function (o, j) { o.setAttribute("aria-selected", j === active ? "true" : "false"); });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", all[active].id);
        all[active].scrollIntoView({ block: "nearest" });
      } else { input.removeAttribute("aria-activedescendant"); }
    }
    function close() {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function open() {
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function option(href, title, where, excerpt, n) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.id = "bf-suggest-" + n;
      a.className = "bf-suggest__item";
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      a.href = href;
      var t = document.createElement("span");
      t.className = "bf-suggest__title";
      t.textContent = title;
      a.appendChild(t);
      if (where) {
        var w = document.createElement("span");
        w.className = "bf-suggest__where";
        w.textContent = where;
        a.appendChild(w);
      }
      if (excerpt) {
        var e = document.createElement("span");
        e.className = "bf-suggest__excerpt";
        excerptNodes(e, excerpt);
        a.appendChild(e);
      }
      li.appendChild(a);
      return li;
    }
    function allResults(q, facet, value) {
      var url = new URL("search/", root);
      url.searchParams.set("q", q);
      if (facet) { url.searchParams.set(facet.toLowerCase(), value); }
      return url.href;
    }
    // The facets of the query's results (the search page's, with the same counts): per group a row of links to
    // the search page with that facet ticked. Each is an option of the list, so the arrow keys reach them too.
    function facetRows(q, filters, first) {
      var n = first;
      return FACETS.map(function (name) {
        var counts = filters[name] || {};
        var values = Object.keys(counts).filter(function (v) { return counts[v] > 0; }).sort(function (a, b) {
          return name === "Year" ? b.localeCompare(a) : counts[b] - counts[a] || a.localeCompare(b);
        }).slice(0, FACET_VALUES);
        if (!values.length) { return null; }
        var row = document.createElement("li");
        row.className = "bf-suggest__facets";
        row.setAttribute("role", "group");
        row.setAttribute("aria-label", name);
        var label = document.createElement("span");
        label.className = "bf-suggest__facet-name";
        label.setAttribute("aria-hidden", "true");
        label.textContent = name;
        row.appendChild(label);
        values.forEach(function (value) {
          var a = document.createElement("a");
          a.id = "bf-suggest-" + n++;
          a.className = "bf-suggest__facet";
          a.setAttribute("role", "option");
          a.setAttribute("aria-selected", "false");
          a.setAttribute("aria-label", name + ": " + value + ", " + counts[value] + (counts[value] === 1 ? " result" : " results"));
          a.tabIndex = -1;
          a.href = allResults(q, name, value);
          a.textContent = value + " ";
          var count = document.createElement("span");
          count.className = "bf-suggest__count";
          count.textContent = counts[value];
          a.appendChild(count);
          row.appendChild(a);
        });
        return row;
      }).filter(Boolean);
    }

    function run() {
      var q = input.value.trim();
      var ticket = ++asked;
      if (!q) { list.textContent = ""; close(); return; }
      var filters = {};
      pagefind().then(function (pf) {
        // Pagefind counts the results' filters only once their index is loaded (what Pagefind UI does on start).
        filtersLoaded = filtersLoaded || Promise.resolve(pf.filters ? pf.filters() : null).catch(function () {});
        return filtersLoaded.then(function () { return pf.search(q); });
      }).then(function (answer) {
        filters = answer.filters || {};
        return Promise.all(answer.results.slice(0, 6).map(function (r) { return r.data(); }));
      }).then(function (found) {
        if (ticket !== asked) { return; }  // a newer query is on its way
        list.textContent = "";
        var n = 0;
        found.forEach(function (data) {
          var best = paragraphs(data, 1, q)[0];
          var title = (data.meta && data.meta.title) || data.url;
          list.appendChild(option(best ? best.url : data.url, title, best ? place(best) : "", best ? best.excerpt : data.excerpt, n++));
        });
        status.textContent = found.length ? "" : "No briefing matches “" + q + "”.";
        if (found.length) {
          facetRows(q, filters, n).forEach(function (row) { n += row.querySelectorAll("[role=option]").length; list.appendChild(row); });
        }
        var more = option(allResults(q), found.length ? "All results and filters for “" + q + "”" : "Search page", "", "", n++);
        more.firstChild.classList.add("bf-suggest__more");
        list.appendChild(more);
        active = -1;
        open();
      }).catch(function () {
        if (ticket === asked) { status.textContent = "Search is not available here; press Enter to open the search page."; list.textContent = ""; open(); }
      });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 90); });
    input.addEventListener("focus", function () { pagefind().catch(function () {}); if (input.value.trim() && list.childNodes.length) { open(); } });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (box.hidden) { if (input.value.trim()) { run(); } return; }
        e.preventDefault();
        choose(active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter") {
        var all = options();
        if (!box.hidden && active >= 0 && all[active]) { e.preventDefault(); location.href = all[active].href; }
      } else if (e.key === "Escape") {
        if (!box.hidden) { e.preventDefault(); e.stopPropagation(); close(); }
        else { input.value = ""; }
      }
    });
    document.addEventListener("pointerdown", function (e) { if (!form.contains(e.target)) { close(); } });
    form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) { close(); } });
  }

  // ---------------------------------------------------------------- on arrival from a result
  function highlight() {
    var terms = new URLSearchParams(location.search).getAll(PARAM).filter(Boolean);
    if (!terms.length || !document.querySelector("[data-pagefind-body]")) { return; }
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      new Highlight({ highlightParam: PARAM, addStyles: false, markOptions: { className: "bf-hit", exclude: ["[data-pagefind-ignore]", "[data-pagefind-ignore] *", ".bf-para-link"] } });
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) { target.scrollIntoView({ block: "start" }); }
    }, function () {});
  }

  window.BriefingsSearch = { paragraphs: paragraphs, place: place, highlightParam: PARAM };
  document.dispatchEvent(new Event("briefings:search-ready"));  // the search page waits for these helpers (search.js)
  function setup() { setupBox(); highlight(); }
  if (document.readyState !== "loading") { setup(); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
