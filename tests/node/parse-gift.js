// Parses GIFT files with gift-pegjs, an independent GIFT parser, for the export tests: prints
// {"<path>": [question, ...], ...} as JSON. A file that does not parse ends the run with its
// path, the line and column, and the parser's message on stderr.
"use strict";

const fs = require("fs");
const { parse } = require("gift-pegjs");

const parsed = {};
for (const path of process.argv.slice(2)) {
  try {
    parsed[path] = parse(fs.readFileSync(path, "utf8"));
  } catch (error) {
    const at = error.location ? `:${error.location.start.line}:${error.location.start.column}` : "";
    process.stderr.write(`${path}${at}: ${error.message}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(parsed));
