/* Briefings: paragraph previews on summary and key-point links, and "copy link to paragraph" buttons.
   Previews open on hover, on keyboard focus and on a first tap (a second tap follows the link);
   Escape or moving away closes them. No inline script, no network. */
(function () {
  "use strict";
  var preview = null;
  var owner = null;
  var hideTimer = 0;

  function paragraphText(id) {
    var el = document.getElementById(id);
    if (!el) { return ""; }
    var clone = el.cloneNode(true);
    clone.querySelectorAll(".bf-para-link").forEach(function (b) { b.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function ensurePreview() {
    if (preview) { return preview; }
    preview = document.createElement("div");
    preview.className = "bf-preview md-typeset";
    preview.id = "bf-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    preview.addEventListener("mouseleave", function () { scheduleHide(); });
    document.body.appendChild(preview);
    return preview;
  }

  function show(link) {
    var id = link.getAttribute("data-bf-preview");
    var text = paragraphText(id);
    if (!text) { return; }
    clearTimeout(hideTimer);
    var box = ensurePreview();
    box.textContent = "";
    var label = document.createElement("strong");
    label.className = "bf-preview-label";
    label.textContent = "¶" + id.replace(/^p-/, "") + " ";
    box.appendChild(label);
    box.appendChild(document.createTextNode(text.length > 700 ? text.slice(0, 697) + "…" : text));
    box.hidden = false;
    var r = link.getBoundingClientRect();
    var width = Math.min(520, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    box.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - width - 8)) + "px";
    box.style.top = (window.scrollY + r.bottom + 6) + "px";
    if (owner && owner !== link) { owner.removeAttribute("aria-describedby"); }
    owner = link;
    link.setAttribute("aria-describedby", "bf-preview");
  }

  function hide() {
    clearTimeout(hideTimer);
    if (preview) { preview.hidden = true; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);  // time to move the pointer onto the preview
  }

  function setupPreviews() {
    var tapped = null;   // the link a finger is on, and whether its preview was open before the tap
    var wasOpen = false;
    document.querySelectorAll("a[data-bf-preview]").forEach(function (link) {
      if (link.dataset.bfReady) { return; }
      link.dataset.bfReady = "1";
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", scheduleHide);
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", scheduleHide);
      link.addEventListener("pointerdown", function (event) {
        tapped = event.pointerType === "touch" ? link : null;
        wasOpen = tapped !== null && owner === link && preview !== null && !preview.hidden;
      });
      link.addEventListener("click", function (event) {
        // On touch, the first tap previews; a second tap on the same link follows it.
        if (tapped === link && !wasOpen) {
          event.preventDefault();
          show(link);
        }
        tapped = null;
      });
    });
  }

  function setupParagraphLinks() {
    // Every anchored block of the full text: paragraphs, lists, tables and generated list blocks.
    document.querySelectorAll('.md-content [id^="p-"]').forEach(function (block) {
      // A button may not sit directly in a list or a table: there it goes into the first item or cell.
      var para = /^(UL|OL)$/.test(block.tagName) ? block.querySelector("li") : block.tagName === "TABLE" ? block.querySelector("th, td") : block;
      if (!para || para.querySelector(":scope > .bf-para-link")) { return; }
      var number = block.id.replace(/^p-/, "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bf-para-link";
      button.textContent = "¶";
      button.setAttribute("aria-label", "Copy link to paragraph " + number);
      // No title attribute: Material turns every [title] into a tooltip component that tracks the viewport, and
      // seventy of them on a long article cost more main-thread time than the rest of the page (Lighthouse
      // bootup time of Material's bundle on the journal page: 3.6 s -> 1.4 s). CSS shows the label on hover.
      button.setAttribute("data-tip", "Copy link to paragraph " + number);
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0] + "#" + block.id;
        history.replaceState(null, "", "#" + block.id);
        var done = function () {
          button.textContent = "✓";
          button.setAttribute("aria-label", "Link to paragraph " + number + " copied");
          setTimeout(function () {
            button.textContent = "¶";
            button.setAttribute("aria-label", "Copy link to paragraph " + number);
          }, 1500);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(url).then(done, done);
        } else { done(); }
      });
      para.insertBefore(button, para.firstChild);
    });
  }

  function setup() {
    hide();
    setupPreviews();
    setupParagraphLinks();
  }

  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  document.addEventListener("touchstart", function (e) {
    if (preview && !preview.hidden && !preview.contains(e.target) && !(owner && owner.contains(e.target))) { hide(); }
  }, { passive: true });
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
