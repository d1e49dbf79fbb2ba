"""The inline stylesheet and script of ``--format html``.

Kept apart from the markup so that their hashes (the page's Content-Security-Policy
allows only these two blocks) are computed from one place. No fonts, images or
requests: the page must work from a file, offline, attached to a mail.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root { --err: #b3261e; --err-bg: #fde7e5; --warn: #8a5a00; --warn-bg: #fff1cc; --info: #1d5fa8; --info-bg: #e3efff;
  --line: #d5d8de; --muted: #5f6672; --flash: #ff9800; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", system-ui, sans-serif; color: #1f2328; background: #f6f7f9; }
header.top { padding: 16px 24px; background: #fff; border-bottom: 1px solid var(--line); }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
header.top nav a { margin-right: 12px; }
.muted { color: var(--muted); }
section.report { margin: 16px 24px 32px; padding: 16px; background: #fff; border: 1px solid var(--line);
  border-radius: 6px; }
section.report > h2 { margin: 0 0 4px; font-size: 18px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(280px, 380px); gap: 16px; align-items: start; }
.doc h3, aside h3 { font-size: 15px; margin: 16px 0 6px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 4px 0 10px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: middle; }
thead th, tr.block th { background: #eef1f5; font-weight: 600; }
th.label { text-align: left; font-weight: normal; background: #fafbfc; min-width: 10em; }
tr.group th { text-align: left; background: #f3f4f6; font-weight: 600; }
td { text-align: right; min-width: 3.5em; font-variant-numeric: tabular-nums; }
td.blank { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #f2f2f2 4px, #f2f2f2 8px); }
tr.extra th.label { font-style: italic; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
ol.sections { margin: 4px 0; padding-left: 1.5em; }
.missing { color: var(--muted); font-style: italic; }
.hit-info:not(tr), tr.hit-info > * { background: var(--info-bg); }
.hit-warning:not(tr), tr.hit-warning > * { background: var(--warn-bg); }
.hit-error:not(tr), tr.hit-error > * { background: var(--err-bg); }
.hit-info:not(tr), tr.hit-info > th { outline: 2px solid var(--info); outline-offset: -2px; }
.hit-warning:not(tr), tr.hit-warning > th { outline: 2px solid var(--warn); outline-offset: -2px; }
.hit-error:not(tr), tr.hit-error > th { outline: 2px solid var(--err); outline-offset: -2px; }
.related { box-shadow: inset 0 0 0 2px #7b61ff; }
.flash, tr.flash > * { animation: flash 0.4s ease-in-out 4; }
@keyframes flash { 50% { background: var(--flash); } }
aside.findings { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow-y: auto; }
aside ol { list-style: none; margin: 0; padding: 0; }
li.finding { border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 4px; padding: 6px 8px;
  margin: 0 0 6px; background: #fff; }
li.finding[data-target] { cursor: pointer; }
li.finding[data-target]:hover, li.finding.selected { background: #f4f6fa; }
li.finding:focus { outline: 2px solid #7b61ff; }
li.sev-error { border-left-color: var(--err); }
li.sev-warning { border-left-color: var(--warn); }
li.waived { opacity: 0.7; border-left-color: #999; }
.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: 600; }
.sev { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; margin-left: 4px; }
.sev-error .sev { background: var(--err-bg); color: var(--err); }
.sev-warning .sev { background: var(--warn-bg); color: var(--warn); }
.sev-info .sev { background: var(--info-bg); color: var(--info); }
.place, .ev { display: block; color: var(--muted); font-size: 12px; }
p.msg { margin: 2px 0; }
footer { margin: 0 24px 24px; color: var(--muted); font-size: 12px; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; }
  aside.findings { position: static; max-height: none; } }
@media print { aside.findings { position: static; max-height: none; } .flash { animation: none; } }
"""

# Clicking (or Enter on) a finding scrolls its cell into view and flashes it; the cells its
# evidence names are outlined. Data comes from data-* attributes, never from inline script.
JS = """
(function () {
  "use strict";
  var related = [];
  function show(item) {
    var target = document.getElementById(item.getAttribute("data-target"));
    if (!target) { return; }
    related.forEach(function (el) { el.classList.remove("related"); });
    related = [];
    (item.getAttribute("data-related") || "").split(" ").forEach(function (id) {
      var el = id ? document.getElementById(id) : null;
      if (el) { el.classList.add("related"); related.push(el); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("li.finding.selected"), function (el) {
      el.classList.remove("selected");
    });
    item.classList.add("selected");
    target.scrollIntoView({ block: "center", inline: "center" });
    target.classList.remove("flash");
    void target.offsetWidth;
    target.classList.add("flash");
    window.setTimeout(function () { target.classList.remove("flash"); }, 1800);
  }
  function findingOf(node) {
    return node && node.closest ? node.closest("li.finding[data-target]") : null;
  }
  document.addEventListener("click", function (event) {
    var item = findingOf(event.target);
    if (item) { show(item); }
  });
  document.addEventListener("keydown", function (event) {
    var item = findingOf(event.target);
    if (item && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(item); }
  });
})();
"""


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy() -> str:
    """Only the page's own style and script may run; nothing may be fetched."""
    return (f"default-src 'none'; style-src {csp_hash(CSS)}; script-src {csp_hash(JS)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")
