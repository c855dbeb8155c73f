// Filters for a directory list. The list is complete in the HTML; this only
// hides the items that do not match, so the page reads the same without
// JavaScript. The form names its list and the status text in data
// attributes: every word shown comes from site.yaml through the template.
(function () {
  "use strict";
  var form = document.querySelector("form[data-filter]");
  var list = document.querySelector("[data-filter-list]");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var status = form.querySelector("[role=status]");
  var template = form.getAttribute("data-status") || "";

  function apply() {
    var industry = form.elements.industry ? form.elements.industry.value : "";
    var hiring = form.elements.hiring && form.elements.hiring.checked;
    var shown = 0;
    items.forEach(function (item) {
      var ok = (!industry || item.getAttribute("data-industry") === industry) &&
        (!hiring || item.getAttribute("data-hiring") === "yes");
      item.hidden = !ok;
      if (ok) shown++;
    });
    if (status) {
      status.textContent = template.replace("{n}", shown).replace("{total}", items.length);
    }
    var params = new URLSearchParams();
    if (industry) params.set("industry", industry);
    if (hiring) params.set("hiring", "yes");
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  var start = new URLSearchParams(location.search);
  if (form.elements.industry && start.get("industry")) {
    form.elements.industry.value = start.get("industry");
  }
  if (form.elements.hiring && start.get("hiring") === "yes") {
    form.elements.hiring.checked = true;
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  if (location.search) apply();
})();
