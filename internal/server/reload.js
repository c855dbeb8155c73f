// furusato live reload: injected into pages served by furusato serve, never
// into built sites. It reloads the page after a rebuild that changed it,
// swaps stylesheets in place when only CSS changed, and shows build errors
// over the page until they are fixed.
(function () {
  "use strict";
  var overlay = null;
  function here() { return decodeURI(location.pathname); }
  function showErrors(errors) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build errors");
    overlay.id = "furusato-errors";
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#fff;font:15px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem";
    var h = document.createElement("h2");
    h.style.cssText = "margin:0 0 1rem;font:700 20px/1.4 system-ui,sans-serif;color:#ff8a80";
    h.textContent = errors.length === 1 ? "1 problem: the page below is the last good build" : errors.length + " problems: the page below is the last good build";
    overlay.appendChild(h);
    var list = document.createElement("ol");
    list.style.cssText = "margin:0;padding-left:1.5rem";
    errors.forEach(function (e) {
      var li = document.createElement("li");
      li.style.cssText = "margin:.5rem 0;white-space:pre-wrap";
      var where = document.createElement("strong");
      where.style.color = "#ffd54f";
      where.textContent = e.pos ? e.pos + ": " : "";
      li.appendChild(where);
      li.appendChild(document.createTextNode(e.msg));
      list.appendChild(li);
    });
    overlay.appendChild(list);
    document.documentElement.appendChild(overlay);
  }
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  // A stylesheet with a content hash in its name has a new name when it
  // changes (renamed: old path → new path); others are asked for again.
  function swapCSS(paths, renamed) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    links.forEach(function (l) {
      var u = new URL(l.href, location.href);
      var p = decodeURI(u.pathname);
      if (paths.indexOf(p) < 0) return;
      if (renamed && renamed[p]) {
        l.removeAttribute("integrity");
        l.href = new URL(renamed[p], location.href).toString();
        return;
      }
      u.searchParams.set("furusato", String(Date.now()));
      l.href = u.toString();
    });
  }
  // The build the page came from; builds are numbered from 1.
  var script = document.currentScript;
  var version = script ? Number(script.getAttribute("data-build")) : 0;
  var source = new EventSource("/_furusato/events");
  // Tests (and curious people) can see that the page is listening.
  window.furusatoLiveReload = { connected: false, version: version };
  source.addEventListener("open", function () { window.furusatoLiveReload.connected = true; });
  source.addEventListener("build", function (ev) {
    var b = JSON.parse(ev.data);
    if (b.errors && b.errors.length) { showErrors(b.errors); return; }
    var hadErrors = overlay !== null;
    hideErrors();
    if (b.version === version) return;
    // A change list only says what changed since the build before it: a
    // page that missed a build reloads.
    var known = b.from === version;
    version = b.version;
    if (!known || b.all || hadErrors || (b.pages || []).indexOf(here()) >= 0) { location.reload(); return; }
    if (b.css && b.css.length) swapCSS(b.css, b.renamed);
  });
})();
