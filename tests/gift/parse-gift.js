// Parses GIFT files with gift-pegjs, an independent GIFT parser, and prints what it read as JSON.
// Used by tests/test_export.py: node tests/gift/parse-gift.js FILE...
// Exit code 1, with the parser's message and position, when a file is not valid GIFT.
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

const results = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  try {
    results[file] = parse(text);
  } catch (err) {
    const where = err.location ? ` at line ${err.location.start.line}, column ${err.location.start.column}` : "";
    process.stderr.write(`${file}: not valid GIFT${where}: ${err.message}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(results));
