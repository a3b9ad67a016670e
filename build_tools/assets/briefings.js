/* Briefings: paragraph previews on summary links and "copy link to paragraph" buttons. No inline script, no network. */
(function () {
  "use strict";
  var preview = null;

  function paragraphText(id) {
    var el = document.getElementById(id);
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function showPreview(link) {
    var id = link.getAttribute("data-preview");
    var text = paragraphText(id);
    if (!text) { return; }
    if (!preview) {
      preview = document.createElement("div");
      preview.className = "bf-preview";
      preview.setAttribute("role", "tooltip");
      preview.id = "bf-preview";
      document.body.appendChild(preview);
    }
    preview.textContent = "¶" + id.replace("p-", "") + " " + (text.length > 600 ? text.slice(0, 597) + "…" : text);
    preview.hidden = false;
    var r = link.getBoundingClientRect();
    preview.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - 520)) + "px";
    preview.style.top = (window.scrollY + r.bottom + 6) + "px";
    link.setAttribute("aria-describedby", "bf-preview");
  }

  function hidePreview(link) {
    if (preview) { preview.hidden = true; }
    if (link) { link.removeAttribute("aria-describedby"); }
  }

  function setup() {
    document.querySelectorAll("a[data-preview]").forEach(function (link) {
      if (link.dataset.bfReady) { return; }
      link.dataset.bfReady = "1";
      link.addEventListener("mouseenter", function () { showPreview(link); });
      link.addEventListener("focus", function () { showPreview(link); });
      link.addEventListener("mouseleave", function () { hidePreview(link); });
      link.addEventListener("blur", function () { hidePreview(link); });
      link.addEventListener("touchstart", function () { showPreview(link); }, { passive: true });
    });
    document.querySelectorAll('.md-content p[id^="p-"], .md-content div.bf-list[id^="p-"]').forEach(function (para) {
      if (para.querySelector(".bf-para-link")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bf-para-link";
      button.textContent = "¶";
      button.setAttribute("aria-label", "Copy link to paragraph " + para.id.replace("p-", ""));
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0] + "#" + para.id;
        history.replaceState(null, "", "#" + para.id);
        if (navigator.clipboard) { navigator.clipboard.writeText(url).catch(function () {}); }
        button.textContent = "✓";
        setTimeout(function () { button.textContent = "¶"; }, 1500);
      });
      para.insertBefore(button, para.firstChild);
    });
  }

  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hidePreview(null); } });
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
