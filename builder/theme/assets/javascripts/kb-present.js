/* Presenter mode: one question per screen, revealed step by step, a timer, an overview, and a
   notes window kept in step through postMessage (it works from file://, BroadcastChannel does
   not). The same module runs the notes window (data-kb-notes). */
(function () {
  "use strict";
  var STEPS = 3;  // 1: the right answer, 2: every option's feedback, 3: the explanation
  var KEYS = { ArrowRight: "next", " ": "next", PageDown: "next", ArrowLeft: "back",
               PageUp: "back", r: "reveal", t: "timer", f: "fullscreen", o: "overview",
               n: "notes", Home: "first", End: "last" };

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function data(el, name) { return JSON.parse(el.getAttribute("data-" + name) || "{}"); }

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }

  // A key pressed anywhere but in a field, without modifiers (browser shortcuts stay theirs).
  function commandOf(event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return null;
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return null;
    // Space and Enter on a focused button press the button: no second command.
    if ((event.key === " " || event.key === "Enter") && tag === "BUTTON") return null;
    return KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key] || null;
  }

  // -- The projected screen --------------------------------------------------------------------
  function presenter(root) {
    var slides = all(root, ".kb-slide"), i18n = data(root, "i18n");
    var status = root.querySelector("[data-status]");
    var overview = root.querySelector("[data-overview]");
    var duration = parseInt(root.getAttribute("data-timer"), 10) || 60;
    var current = 0, step = 0, notes = null;
    var timer = { remaining: duration, running: false, last: 0, id: 0 };

    function announce(text) { status.textContent = ""; status.textContent = text; }

    function fit(slide) {
      // The largest whole pixel size (12 at least) at which the screen needs no scrolling, found
      // by halving: each try is a layout, and a key press should not wait for twenty of them.
      function fits(size) {
        slide.style.fontSize = size + "px";
        return slide.scrollHeight <= slide.clientHeight + 1 &&
               slide.scrollWidth <= slide.clientWidth + 1;
      }
      var low = 12, high = Math.floor(Math.max(16, Math.min(window.innerHeight / 18,
                                                            window.innerWidth / 32)));
      if (fits(high)) return;
      while (high - low > 1) {
        var middle = Math.floor((low + high) / 2);
        if (fits(middle)) low = middle; else high = middle;
      }
      slide.style.fontSize = low + "px";
    }

    function render(focus) {
      slides.forEach(function (slide, i) {
        slide.hidden = i !== current;
        slide.setAttribute("data-step", i === current ? step : 0);
        all(slide, "[data-reveal]").forEach(function (el) {
          el.hidden = i !== current || parseInt(el.getAttribute("data-reveal"), 10) > step;
        });
      });
      var slide = slides[current];
      showTimer(slide);
      fit(slide);
      if (focus) slide.querySelector("[tabindex='-1']").focus({ preventScroll: true });
      if (history.replaceState) history.replaceState(null, "", "#q" + current);
      send();
    }

    function showTimer(slide) {
      all(root, "[data-timer-display]").forEach(function (el) {
        el.hidden = !slide.contains(el) || (!timer.running && timer.remaining === duration);
        el.textContent = clock(timer.remaining);
        el.classList.toggle("kb-timer--up", timer.remaining <= 0);
      });
    }

    function tick() {
      var now = Date.now();
      timer.remaining -= (now - timer.last) / 1000;
      timer.last = now;
      if (timer.remaining <= 0) {
        timer.remaining = 0;
        stopTimer();
        announce(i18n.timeUp);
      }
      showTimer(slides[current]);
      send();
    }
    function stopTimer() { timer.running = false; clearInterval(timer.id); }
    function resetTimer() { stopTimer(); timer.remaining = duration; }

    function go(index) {
      var next = Math.max(0, Math.min(slides.length - 1, index));
      if (next !== current) { current = next; step = 0; resetTimer(); }
      render(true);
    }

    var commands = {
      next: function () { go(current + 1); },
      back: function () { go(current - 1); },
      first: function () { go(0); },
      last: function () { go(slides.length - 1); },
      reveal: function () {
        if (current === 0) return;
        if (step < STEPS) { step++; render(false); } else announce(i18n.revealed);
      },
      timer: function () {
        if (timer.running) stopTimer();
        else {
          if (timer.remaining <= 0) timer.remaining = duration;
          timer.running = true;
          timer.last = Date.now();
          timer.id = setInterval(tick, 250);
        }
        showTimer(slides[current]);
        send();
      },
      fullscreen: function () {
        try {
          if (document.fullscreenElement) document.exitFullscreen();
          else document.documentElement.requestFullscreen();
        } catch (e) { /* not allowed here */ }
      },
      overview: function () {
        if (overview.open) overview.close(); else overview.showModal();
      },
      notes: function () {
        if (notes && !notes.closed) { notes.focus(); send(); return; }
        notes = window.open("notes.html", "kb-notes", "popup,width=1000,height=760");
        if (!notes) announce(i18n.notesBlocked);
      }
    };

    function send() {
      if (!notes || notes.closed) return;
      notes.postMessage({ kb: "kb-present", slide: current, step: step,
                          timer: { remaining: timer.remaining, running: timer.running,
                                   shown: timer.running || timer.remaining !== duration } }, "*");
    }

    window.addEventListener("message", function (event) {
      if (!notes || event.source !== notes || !event.data || event.data.kb !== "kb-notes") return;
      if (event.data.command && commands[event.data.command]) commands[event.data.command]();
      else send();  // the notes window has just loaded
    });
    document.addEventListener("keydown", function (event) {
      var command = commandOf(event);
      if (!command || (overview.open && command !== "overview")) return;
      event.preventDefault();
      commands[command]();
    });
    all(root, "[data-command]").forEach(function (button) {
      button.addEventListener("click", function () { commands[button.getAttribute("data-command")](); });
    });
    all(overview, "[data-go]").forEach(function (button) {
      button.addEventListener("click", function () {
        overview.close();
        go(parseInt(button.getAttribute("data-go"), 10));
      });
    });
    window.addEventListener("resize", function () { fit(slides[current]); });

    var start = /^#q(\d+)$/.exec(location.hash);
    current = start ? Math.min(slides.length - 1, parseInt(start[1], 10)) : 0;
    document.documentElement.classList.add("kb-present--ready");
    render(false);
  }

  // -- The notes window ------------------------------------------------------------------------
  function speakerNotes(root) {
    var notes = all(root, ".kb-note"), screen = window.opener;
    var display = root.querySelector("[data-timer-display]");
    var current = 0;

    function show(slide) {
      current = slide;
      notes.forEach(function (note, i) { note.classList.toggle("kb-note--current", i === slide); });
      notes[slide].scrollIntoView({ block: "start" });
    }
    function command(name) {
      if (screen && !screen.closed) screen.postMessage({ kb: "kb-notes", command: name }, "*");
      else if (name === "next" || name === "back") show(Math.max(0, Math.min(notes.length - 1,
                                                          current + (name === "next" ? 1 : -1))));
    }

    window.addEventListener("message", function (event) {
      if (event.source !== screen || !event.data || event.data.kb !== "kb-present") return;
      show(event.data.slide);
      root.setAttribute("data-step", event.data.step);
      display.hidden = !event.data.timer.shown;
      display.textContent = clock(event.data.timer.remaining);
      display.classList.toggle("kb-timer--up", event.data.timer.remaining <= 0);
    });
    document.addEventListener("keydown", function (event) {
      var name = commandOf(event);
      if (!name || name === "notes" || name === "fullscreen" || name === "overview") return;
      event.preventDefault();
      command(name);
    });
    all(root, "[data-command]").forEach(function (button) {
      button.addEventListener("click", function () { command(button.getAttribute("data-command")); });
    });
    show(0);
    if (screen) screen.postMessage({ kb: "kb-notes", ready: true }, "*");
  }

  var screenRoot = document.querySelector("[data-kb-present]");
  if (screenRoot) presenter(screenRoot);
  var notesRoot = document.querySelector("[data-kb-notes]");
  if (notesRoot) speakerNotes(notesRoot);
})();
