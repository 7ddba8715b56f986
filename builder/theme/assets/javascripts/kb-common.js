/* Helpers shared by the site's scripts (kb-quiz.js, kb-assessment.js, kb-results.js, kb-class.js,
   kb-review.js), loaded before them on every page. A classic script, not an ES module, so that the
   site keeps working from file://. Everything is on one global, `kb`. */
(function () {
  "use strict";
  var kb = window.kb = window.kb || {};

  kb.has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  kb.all = function (root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };
  kb.isObject = function (v) { return !!v && typeof v === "object" && !Array.isArray(v); };
  // A data attribute holding JSON (written by the templates, escaped for HTML); null if absent.
  kb.data = function (el, name) { return JSON.parse(el.getAttribute("data-" + name) || "null"); };
  // Python's "%(name)s" placeholders, as in the catalogues.
  kb.fill = function (text, values) {
    return text.replace(/%\((\w+)\)[sd]/g, function (m, k) { return kb.has(values, k) ? values[k] : m; });
  };
  // Length in characters as Python counts them (a surrogate pair is one).
  kb.chars = function (s) { return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length; };
  kb.decimalSign = function (lang) {
    var part = new Intl.NumberFormat(lang).formatToParts(1.5).filter(function (p) { return p.type === "decimal"; })[0];
    return part ? part.value : ".";
  };

  kb.download = function (name, type, text) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);  // some browsers follow only links in the document
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  };

  // Copy `input`'s text. Where the Clipboard API is missing (plain http: it needs a secure
  // context) or refused, the text is left selected and `status` says to copy it by hand.
  kb.copy = function (input, status, done, byHand) {
    input.focus();
    input.select();
    var hand = function () { input.focus(); input.select(); status.textContent = byHand; };
    if (window.isSecureContext && navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(function () { status.textContent = done; }, hand);
    } else hand();
  };

  // localStorage that never throws: private modes and full storage refuse, and a caller that
  // must tell the reader can see it (save returns false).
  kb.store = {
    load: function (key) {
      try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
    },
    save: function (key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
    },
    remove: function (key) {
      try { localStorage.removeItem(key); return true; } catch (e) { return false; }
    }
  };
})();
