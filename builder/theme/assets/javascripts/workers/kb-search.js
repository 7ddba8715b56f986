/*
 * Material's search worker, plus whole-word stemming.
 *
 * Material appends "*" to every query term, and lunr skips the stemmer for wildcard terms, so
 * with a stemmer in the pipeline a whole word whose stem differs finds nothing ("begrippen*"
 * misses the indexed stem "begrip"). After Material's worker loads, each optional prefix
 * clause gets a twin without the wildcard that goes through the stemmer.
 * The page passes the original worker's file name as ?w=... (see theme/main.html).
 */
(function () {
  "use strict";
  var script = typeof document !== "undefined" && document.currentScript;
  var here = script ? script.src : self.location.href;
  var original = new URL(new URL(here).searchParams.get("w"), here).href;

  function addStemmedClauses(query) {
    var optional = lunr.Query.presence.OPTIONAL;
    query.clauses.slice().forEach(function (clause) {
      var prefix = /^([^*]+)\*$/.exec(clause.term);
      if (prefix && !clause.usePipeline && clause.presence === optional) {
        query.clause({
          fields: clause.fields,
          term: prefix[1],
          boost: clause.boost,
          usePipeline: true,
          wildcard: lunr.Query.wildcard.NONE,
          presence: optional
        });
      }
    });
  }

  function patch() {
    var query = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function (fn) {
      return query.call(this, function (q) {
        fn.call(q, q);
        addStemmedClauses(q);
      });
    };
  }

  // In a real worker importScripts is synchronous; the iframe-worker shim (file://) returns a
  // promise. Queries only come long after set-up, so the patch is in place in time.
  Promise.resolve(importScripts(original)).then(patch);
})();
