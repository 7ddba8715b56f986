// Reads a CSV file with csv-parse, strictly, and prints what it found as JSON:
// {"bom": whether the file starts with UTF-8's byte order mark, "rows": [[field, ...], ...],
//  "unquoted": [[row, column], ...] of the fields written without quotes}.
// Usage: node parse-csv.js FILE DELIMITER. Records must end in CRLF and have equal lengths;
// anything else is an error (exit code 1, the reason on stderr).
"use strict";

const fs = require("fs");
const { parse } = require("csv-parse/sync");

const [file, delimiter] = process.argv.slice(2);
const data = fs.readFileSync(file);
const unquoted = [];
let rows;
try {
  rows = parse(data, {
    bom: true,
    delimiter,
    record_delimiter: "\r\n",
    cast: (value, context) => {
      if (!context.quoting) unquoted.push([context.records, context.index]);
      return value;
    },
  });
} catch (error) {
  process.stderr.write(`${error.code || "ERROR"}: ${error.message}\n`);
  process.exit(1);
}
const bom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
process.stdout.write(JSON.stringify({ bom, rows, unquoted }));
