// The one script of the site (assets/site.js): filters and searches a list
// page. It reads window.GHD_LIST (data/<kind>-list.js) and, on the first
// search, loads the search shards as <script> files (fetch and XHR do not work
// on file://). It builds rows with DOM calls and textContent only, so no text
// from the backup is ever parsed as HTML.
import { SEARCH_OPTIONS } from "./search-index.js";

export const CLIENT_SCRIPT = `(function () {
  "use strict";
  var list = window.GHD_LIST;
  var form = document.getElementById("filters");
  if (!list || !form) return;
  var OPTIONS = ${JSON.stringify(SEARCH_OPTIONS)};
  var PAGE = 100;
  var search = document.getElementById("search");
  var selects = { state: "f-state", label: "f-label", milestone: "f-milestone", author: "f-author" };
  for (var k in selects) selects[k] = document.getElementById(selects[k]);
  var results = document.getElementById("results");
  var staticList = document.getElementById("static-list");
  var count = document.getElementById("result-count");
  var initialCount = count.textContent;
  var byNumber = new Map();
  list.rows.forEach(function (r) { byNumber.set(r[0], r); });
  var indexes = null;
  var waiting = [];
  var page = 0;
  var timer = 0;

  function loadShards(done) {
    if (indexes) return done();
    waiting.push(done);
    if (waiting.length > 1) return;
    var n = Number(search.getAttribute("data-shards")) || 0;
    var kind = search.getAttribute("data-kind");
    window.GHD_SHARDS = [];
    var loaded = 0;
    function finish() {
      indexes = window.GHD_SHARDS.map(function (json) { return MiniSearch.loadJSON(json, OPTIONS); });
      waiting.splice(0).forEach(function (f) { f(); });
    }
    if (n === 0) return finish();
    for (var i = 0; i < n; i++) {
      var s = document.createElement("script");
      s.src = "../data/search-" + kind + "-" + i + ".js";
      s.onload = s.onerror = function () { loaded += 1; if (loaded === n) finish(); };
      document.body.appendChild(s);
    }
  }

  function matches(r) {
    var st = selects.state.value, lb = selects.label.value, ms = selects.milestone.value, au = selects.author.value;
    if (st !== "" && r[2] !== st) return false;
    if (lb !== "" && r[4].indexOf(Number(lb)) < 0) return false;
    if (ms !== "" && r[5] !== Number(ms)) return false;
    if (au !== "" && r[3] !== Number(au)) return false;
    return true;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function rowElement(r) {
    var li = el("li", "row");
    li.appendChild(el("span", "state state-" + r[2], r[2]));
    li.appendChild(document.createTextNode(" "));
    var a = el("a", "title", r[1]);
    a.href = r[0] + ".html";
    li.appendChild(a);
    r[4].forEach(function (i) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "label " + list.labelClasses[i], list.labels[i]));
    });
    var sub = "#" + r[0] + " opened " + r[7] + " by " + list.authors[r[3]];
    if (r[5] >= 0) sub += " · " + list.milestones[r[5]];
    li.appendChild(el("div", "sub", sub + " · " + r[6] + " comment" + (r[6] === 1 ? "" : "s")));
    return li;
  }

  function show(rows, what) {
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    if (page >= pages) page = pages - 1;
    results.textContent = "";
    var ul = el("ul", "list");
    rows.slice(page * PAGE, (page + 1) * PAGE).forEach(function (r) { ul.appendChild(rowElement(r)); });
    results.appendChild(ul);
    if (pages > 1) {
      var nav = el("nav", "pager");
      var prev = el("button", "", "Previous"), next = el("button", "", "Next");
      prev.type = next.type = "button";
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
      prev.onclick = function () { page -= 1; update(false); };
      next.onclick = function () { page += 1; update(false); };
      nav.appendChild(prev);
      nav.appendChild(el("span", "", " Page " + (page + 1) + " of " + pages + " "));
      nav.appendChild(next);
      results.appendChild(nav);
    }
    count.textContent = rows.length + " " + what;
    results.hidden = false;
    staticList.hidden = true;
  }

  function update(resetPage) {
    if (resetPage) page = 0;
    var q = search.value.trim();
    var filtered = selects.state.value + selects.label.value + selects.milestone.value + selects.author.value !== "";
    if (q === "" && !filtered) {
      results.hidden = true;
      staticList.hidden = false;
      count.textContent = initialCount;
      return;
    }
    if (q === "") return show(list.rows.filter(matches), "matching");
    loadShards(function () {
      if (search.value.trim() !== q) return;
      var scores = new Map();
      indexes.forEach(function (index) {
        index.search(q, { prefix: true, fuzzy: 0.2, boost: { title: 2 }, combineWith: "AND" }).forEach(function (hit) {
          scores.set(hit.id, Math.max(scores.get(hit.id) || 0, hit.score));
        });
      });
      var rows = [];
      scores.forEach(function (score, id) {
        var r = byNumber.get(id);
        if (r && matches(r)) rows.push([score, r]);
      });
      rows.sort(function (a, b) { return b[0] - a[0] || a[1][0] - b[1][0]; });
      show(rows.map(function (x) { return x[1]; }), "found");
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); update(true); });
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { update(true); }, 120);
  });
  for (var key in selects) selects[key].addEventListener("change", function () { update(true); });
  if (search.value || selects.state.value || selects.label.value || selects.milestone.value || selects.author.value) update(true);
})();
`;
