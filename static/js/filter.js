// Filters for a directory list. The list is complete in the HTML; this only
// hides the items that do not match, so the page reads the same without
// JavaScript. The style sheet shows the panel from the first paint where
// scripts run, so nothing moves when this runs. The panel names its list
// and the status text in data attributes: every word shown comes from
// site.yaml through the template.
(function () {
  "use strict";
  var panel = document.querySelector("[data-filter]");
  var list = document.querySelector("[data-filter-list]");
  if (!panel || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var status = panel.querySelector("[role=status]");
  var template = panel.getAttribute("data-status") || "";
  var select = panel.querySelector("select[name=industry]");

  function apply() {
    var industry = select ? select.value : "";
    var shown = 0;
    items.forEach(function (item) {
      var ok = !industry || item.getAttribute("data-industry") === industry;
      item.hidden = !ok;
      if (ok) shown++;
    });
    if (status) {
      status.textContent = template.replace("{n}", shown).replace("{total}", items.length);
    }
    var params = new URLSearchParams();
    if (industry) params.set("industry", industry);
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  var start = new URLSearchParams(location.search);
  if (select && start.get("industry")) select.value = start.get("industry");
  panel.addEventListener("change", apply);
  if (location.search) apply();
})();
