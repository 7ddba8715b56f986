/* SCORM 1.2 runtime for a quiz packaged as a SCO: finds the LMS's API in a parent window (or the
   opener's), reports the score and passed/failed when the learner checks the answers, and ends
   the session when the page goes. Without an LMS it does nothing: the quiz is the plain
   self-quiz. The search follows ADL's SCORM 1.2 RTE (section 3.3.6.1): up to 7 parents. */
(function () {
  "use strict";
  var MAX_PARENTS = 7;

  function apiIn(win) {
    for (var tries = 0; win && tries <= MAX_PARENTS; tries++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch (e) { return null; /* a parent on another origin: no LMS that way */ }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  var api = apiIn(window);
  if (!api) {
    try { api = window.opener ? apiIn(window.opener) : null; } catch (e) { api = null; }
  }
  if (!api || String(api.LMSInitialize("")) !== "true") return;

  var started = Date.now(), finished = false;
  function set(name, value) { api.LMSSetValue(name, String(value)); }

  // CMITimespan: HHHH:MM:SS.SS.
  function timespan(ms) {
    var s = Math.floor(ms / 1000), pad = function (n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; };
    return pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(s % 60, 2) + ".00";
  }

  if (String(api.LMSGetValue("cmi.core.lesson_status")) === "not attempted") {
    set("cmi.core.lesson_status", "incomplete");
    api.LMSCommit("");
  }

  document.addEventListener("kb-quiz:checked", function (event) {
    var result = event.detail;
    if (finished || result.solution) return;  // a shown solution is not the learner's score
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", result.percent);
    set("cmi.core.lesson_status", result.passed ? "passed" : "failed");
    api.LMSCommit("");
  });

  // Links to the published site open beside the LMS, not in the SCO's frame.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='http']");
    if (link) { link.target = "_blank"; link.rel = "noopener"; }
  });

  function finish() {
    if (finished) return;
    finished = true;
    set("cmi.core.session_time", timespan(Date.now() - started));
    set("cmi.core.exit", "");
    api.LMSCommit("");
    api.LMSFinish("");
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
