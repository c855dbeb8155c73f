// The editor's page script: checks and preview as you type, save,
// conflicts, toolbar, uploads, search and new pages. Every request that
// changes something carries the token in a header.
"use strict";
(function () {
  const token = document.querySelector('meta[name="furusato-token"]').content;
  const post = (url, body, isJSON) => fetch(url, {
    method: "POST",
    headers: Object.assign({"X-Furusato-Token": token}, isJSON === false ? {} : {"Content-Type": "application/json"}),
    body: isJSON === false ? body : JSON.stringify(body),
    credentials: "same-origin",
  });

  // The list of pages: search and new page.
  const q = document.getElementById("q");
  if (q) {
    q.addEventListener("input", () => {
      const words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
      document.querySelectorAll("tr[data-search]").forEach(tr => {
        const text = tr.dataset.search.toLowerCase();
        tr.hidden = !words.every(w => text.includes(w));
      });
    });
  }
  const newForm = document.getElementById("new-page");
  if (newForm) {
    newForm.addEventListener("submit", async ev => {
      ev.preventDefault();
      const status = document.getElementById("new-status");
      const res = await post("/api/new", {
        section: newForm.section.value, name: newForm.name.value, bundle: newForm.bundle.checked,
      });
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        location.href = data.edit;
      } else {
        status.textContent = data.message || res.statusText;
      }
    });
  }

  const main = document.querySelector("main.edit");
  if (!main) return;
  const file = main.dataset.file;
  let hash = main.dataset.hash;
  const words = document.getElementById("words").dataset;
  const status = document.getElementById("status");
  const form = document.getElementById("page-form");
  const body = document.getElementById("body");
  const frame = document.getElementById("preview");

  function values() {
    const fields = {};
    form.querySelectorAll("[data-key]").forEach(el => {
      const key = el.dataset.key;
      switch (el.dataset.type) {
        case "bool": fields[key] = el.checked; break;
        case "checks": fields[key] = Array.from(el.querySelectorAll("input:checked")).map(c => c.value); break;
        case "list": fields[key] = el.value.split("\n").map(s => s.trim()).filter(Boolean); break;
        default: fields[key] = el.value;
      }
    });
    const current = document.getElementById("mark-current");
    return {file, hash, fields, body: body.value, current: !!(current && current.checked)};
  }

  function showErrors(result) {
    form.querySelectorAll(".field-error, .field-note").forEach(p => { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(el => el.removeAttribute("aria-invalid"));
    const general = [];
    (result.errors || []).forEach(e => {
      const target = e.field && document.getElementById("err-" + e.field);
      const text = e.pos ? e.pos + ": " + e.msg : e.msg;
      if (target) {
        target.textContent += (target.textContent ? "\n" : "") + text;
        const input = document.getElementById(e.field === "body" ? "body" : "f-" + e.field) ||
          form.querySelector('[data-key="' + CSS.escape(e.field) + '"]');
        if (input) input.setAttribute("aria-invalid", "true");
      } else {
        general.push(text);
      }
    });
    // Notes are not errors: the page saves, and they say what follows.
    const notes = [];
    (result.notes || []).forEach(e => {
      const target = document.getElementById("note-" + e.field);
      if (target) target.textContent = e.msg;
      notes.push(e.msg);
    });
    Object.entries(result.yen || {}).forEach(([key, text]) => {
      const out = document.getElementById("yen-" + key);
      if (out) out.textContent = text;
    });
    const other = document.getElementById("other-problems");
    other.textContent = result.other ? (result.other === 1 ? words.otherOne : words.other).replace("%d", result.other) : "";
    const n = (result.errors || []).length;
    return {n, general, notes};
  }

  let version = 0;
  let timer = null;
  async function check() {
    const mine = ++version;
    status.textContent = words.checking;
    const res = await post("/api/preview", values());
    if (mine !== version) return; // a later keystroke is being checked
    const result = await res.json().catch(() => ({errors: [{msg: res.statusText}]}));
    const {n, general, notes} = showErrors(result);
    status.textContent = (n ? n + " " + (n === 1 ? words.problem : words.problems) + (general.length ? ": " + general.join(" / ") : "") : words.checked) +
      (notes.length ? " " + notes.join(" ") : "");
    if (result.url) {
      frame.src = result.url + "?v=" + mine;
    } else if (notes.length) {
      frame.src = "about:blank"; // the page has left the site: nothing to show
    }
    main.dataset.checked = String(mine);
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);

  async function save(force) {
    clearTimeout(timer);
    status.textContent = words.saving;
    const v = values();
    if (force) v.hash = force;
    const res = await post("/api/save", v);
    const result = await res.json().catch(() => ({errors: [{msg: res.statusText}]}));
    if (res.status === 409 && result.conflict) {
      document.getElementById("conflict-disk").textContent = result.disk;
      document.getElementById("conflict-mine").textContent = result.mine;
      document.getElementById("conflict-keep").dataset.hash = result.hash;
      const box = document.getElementById("conflict");
      box.hidden = false;
      box.querySelector("h2").tabIndex = -1;
      box.querySelector("h2").focus();
      status.textContent = document.getElementById("conflict-h").textContent;
      return;
    }
    const {general, notes} = showErrors(result);
    if (res.ok && result.saved) {
      hash = result.hash;
      document.getElementById("conflict").hidden = true;
      status.textContent = words.saved + (notes.length ? " " + notes.join(" ") : "");
      if (result.url) frame.src = result.url + "?v=saved" + (++version);
      main.dataset.saved = hash;
    } else {
      status.textContent = words.notSaved + (general.length ? " " + general.join(" / ") : "");
    }
  }
  form.addEventListener("submit", ev => { ev.preventDefault(); save(); });
  document.getElementById("conflict-keep").addEventListener("click", ev => save(ev.target.dataset.hash));

  // Dates: a day picked in the calendar fills the text, which may also
  // hold a month (2010-07) or a year (2004).
  document.querySelectorAll("input[data-fills]").forEach(day => {
    day.addEventListener("change", () => {
      const text = document.getElementById(day.dataset.fills);
      if (day.value) { text.value = day.value; later(); }
    });
  });

  // Preview width.
  document.querySelectorAll("[data-width]").forEach(b => {
    b.addEventListener("click", () => {
      document.querySelectorAll("[data-width]").forEach(o => o.setAttribute("aria-pressed", String(o === b)));
      frame.style.width = b.dataset.width + "px";
    });
  });
  frame.style.width = "375px";

  // Toolbar.
  function replaceSelection(fn) {
    const s = body.selectionStart, e = body.selectionEnd;
    const [text, cursor] = fn(body.value.slice(0, s), body.value.slice(s, e), body.value.slice(e));
    body.value = text;
    body.focus();
    body.setSelectionRange(cursor, cursor);
    later();
  }
  const lineStart = (before) => before.lastIndexOf("\n") + 1;
  document.querySelectorAll("[data-md]").forEach(b => {
    b.addEventListener("click", () => {
      switch (b.dataset.md) {
        case "heading":
        case "list": {
          const mark = b.dataset.md === "heading" ? "## " : "- ";
          replaceSelection((before, sel, after) => {
            const i = lineStart(before);
            const text = before.slice(0, i) + mark + before.slice(i) + sel + after;
            return [text, before.length + mark.length + sel.length];
          });
          break;
        }
        case "bold":
          replaceSelection((before, sel, after) => [before + "**" + sel + "**" + after, before.length + 2 + sel.length + (sel ? 2 : 0)]);
          break;
        case "link": {
          const pick = document.getElementById("link-target");
          const opt = pick.options[pick.selectedIndex];
          if (!opt) return;
          const title = opt.textContent.split(" — ")[0];
          replaceSelection((before, sel, after) => {
            const link = "[" + (sel || title) + "](" + opt.value + ")";
            return [before + link + after, before.length + link.length];
          });
          break;
        }
      }
    });
  });

  // Uploads into the page's bundle, with the alt text asked at once.
  const dialog = document.getElementById("upload-dialog");
  if (dialog) {
    const upForm = document.getElementById("upload-form");
    const err = document.getElementById("upload-error");
    document.getElementById("upload-open").addEventListener("click", () => {
      err.textContent = "";
      upForm.reset();
      dialog.showModal();
    });
    document.getElementById("upload-cancel").addEventListener("click", () => dialog.close());
    upForm.addEventListener("submit", async ev => {
      ev.preventDefault();
      const data = new FormData(upForm);
      data.append("file", file);
      const res = await post("/api/upload", data, false);
      const out = await res.json().catch(() => ({message: res.statusText}));
      if (!res.ok) {
        err.textContent = out.message;
        return;
      }
      dialog.close();
      replaceSelection((before, sel, after) => {
        const md = "\n" + out.markdown + "\n";
        return [before + md + after, before.length + md.length];
      });
      status.textContent = words.uploadDone;
    });
  }

  check();
})();
