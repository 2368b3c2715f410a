// detente's dyad chart: a hover (and focus) card for each event dot.
// The chart is plain SVG drawn by the server; each dot is already a link to
// its event, so without this script the page still works (the browser shows
// the dot's <title>). The script replaces that tooltip with a card giving the
// date and what happened (the title's text), the plan or the event held it is
// linked to, and the first evidence sentence (both from the event's row in
// the list below, whose id is the event's), and
// marks the figure data-ready once it is wired up.
(function () {
  "use strict";
  var figure = document.getElementById("timeline");
  if (!figure) { return; }
  var card = figure.querySelector(".card");
  var points = figure.querySelectorAll(".pt");
  var active = null;
  var EVIDENCE_CHARS = 240;

  function line(className, text) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  function show(point) {
    if (active) { active.classList.remove("active"); }
    active = point;
    point.classList.add("active");
    card.replaceChildren(line("what", point.dataset.what));
    var row = document.getElementById(point.dataset.id);
    var links = row ? row.querySelector(".links") : null;
    if (links) { card.appendChild(line("links", links.textContent)); }
    var evidence = row ? row.querySelector(".evidence") : null;
    if (evidence) {
      var text = evidence.textContent.replace(/\s+/g, " ").trim();
      if (text.length > EVIDENCE_CHARS) { text = text.slice(0, EVIDENCE_CHARS - 1) + "…"; }
      card.appendChild(line("evidence", "“" + text + "”"));
    }
    card.hidden = false;
    var box = figure.getBoundingClientRect();
    var dot = point.getBoundingClientRect();
    var x = dot.left - box.left + dot.width / 2;
    var y = dot.top - box.top;
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var left;
    var top = y - height - 8;
    if (top >= 0) {
      left = Math.min(Math.max(x - width / 2, 0), box.width - width);
    } else {
      // No room above the dot: beside it, on the side with more room.
      left = x + 12 + width <= box.width ? x + 12 : Math.max(x - 12 - width, 0);
      top = Math.max(Math.min(y - height / 2, box.height - height), 0);
    }
    card.style.left = left + "px";
    card.style.top = top + "px";
  }

  function hide() {
    if (active) { active.classList.remove("active"); }
    active = null;
    card.hidden = true;
  }

  points.forEach(function (point) {
    var title = point.querySelector("title");
    if (title) {
      point.dataset.what = title.textContent;
      point.setAttribute("aria-label", title.textContent);
      title.remove();
    }
    point.addEventListener("mouseenter", function () { show(point); });
    point.addEventListener("focus", function () { show(point); });
    point.addEventListener("mouseleave", hide);
    point.addEventListener("blur", hide);
  });
  figure.dataset.ready = String(points.length);
}());
