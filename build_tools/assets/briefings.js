/* Briefings: paragraph previews on summary and key-point links, glossary definitions on marked terms, and the
   "copy link to paragraph" buttons (in the HTML).
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

  // What a link previews: a paragraph (summary and key-point links) or a glossary term's definition.
  function previewOf(link) {
    var id = link.getAttribute("data-bf-preview");
    if (id) { return { label: "¶" + id.replace(/^p-/, ""), text: paragraphText(id) }; }
    var term = link.textContent.trim();
    var def = (link.getAttribute("data-bf-def") || "").trim();
    return { label: term, text: def.indexOf(term + ": ") === 0 ? def.slice(term.length + 2) : def };
  }

  function show(link) {
    var what = previewOf(link);
    var text = what.text;
    if (!text) { return; }
    clearTimeout(hideTimer);
    var box = ensurePreview();
    box.textContent = "";
    var label = document.createElement("strong");
    label.className = "bf-preview-label";
    label.textContent = what.label + " ";
    box.appendChild(label);
    box.appendChild(document.createTextNode(text.length > 700 ? text.slice(0, 697) + "…" : text));
    box.hidden = false;
    var r = link.getBoundingClientRect();
    var width = Math.min(520, document.documentElement.clientWidth - 16);
    box.style.maxWidth = width + "px";  // a definition's box is as wide as its text, a paragraph's as the column
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

  // Delegated listeners on the document: nothing is set up per link or per paragraph on load, so the page
  // costs the same script time with 3 paragraphs or 300 (the buttons are in the HTML, see markdown_ext.py).
  function previewLink(target) { return target && target.closest ? target.closest("a[data-bf-preview], a.bf-term[data-bf-def]") : null; }

  var tapped = null;   // the link a finger is on, and whether its preview was open before the tap
  var wasOpen = false;
  document.addEventListener("mouseover", function (e) {
    var link = previewLink(e.target);
    if (link && !link.contains(e.relatedTarget)) { show(link); }
  });
  document.addEventListener("mouseout", function (e) {
    var link = previewLink(e.target);
    if (link && !link.contains(e.relatedTarget)) { scheduleHide(); }
  });
  document.addEventListener("focusin", function (e) { var link = previewLink(e.target); if (link) { show(link); } });
  document.addEventListener("focusout", function (e) { if (previewLink(e.target)) { scheduleHide(); } });
  document.addEventListener("pointerdown", function (e) {
    var link = previewLink(e.target);
    tapped = link && e.pointerType === "touch" ? link : null;
    wasOpen = tapped !== null && owner === link && preview !== null && !preview.hidden;
  });
  document.addEventListener("click", function (e) {
    var link = previewLink(e.target);
    // On touch, the first tap previews; a second tap on the same link follows it.
    if (link && tapped === link && !wasOpen) {
      e.preventDefault();
      show(link);
    }
    tapped = null;
    var button = e.target && e.target.closest ? e.target.closest("button.bf-para-link") : null;
    if (button) { copyLink(button); }
  });

  // A paragraph's "¶" button: the address of its block goes into the address bar and the clipboard.
  function copyLink(button) {
    var block = button.closest('[id^="p-"]');
    if (!block) { return; }
    var number = block.id.replace(/^p-/, "");
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
  }

  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  document.addEventListener("touchstart", function (e) {
    if (preview && !preview.hidden && !preview.contains(e.target) && !(owner && owner.contains(e.target))) { hide(); }
  }, { passive: true });
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(hide); }  // a new page (instant navigation)
})();
