// Runs the shared cases (tests/cases/*.json, see README.md) against the page scripts,
// loaded as the browser loads them: welcome-course.js, then welcome-course-progress.js
// with the record's rules in its data-rules attribute, read from the same JSON file the
// Python reads, then welcome-course-completion.js. No page, no storage: only the functions the scripts expose on `window`.
//
//   node tests/cases/run-js.mjs            every case file
//   node tests/cases/run-js.mjs grading    only grading.json
//
// Prints each failure, then "ran N cases, M failed"; exits with 1 if any failed.
// tests/test_shared_cases.py runs this and checks that N is the number of cases.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const HERE = dirname(fileURLToPath(import.meta.url));
const STATIC = join(HERE, "..", "..", "welcome_course", "static");

function loadPageScripts() {
  const window = {};
  Object.defineProperty(window, "localStorage", {
    get() { throw new Error("no storage here"); } // the scripts then keep the record in memory
  });
  const document = {
    readyState: "complete",
    currentScript: null,
    querySelectorAll: () => [],
    querySelector: () => null,
    addEventListener() {},
  };
  const context = vm.createContext({ window, document, console });
  const scripts = [
    ["welcome-course.js", {}],
    ["welcome-course-progress.js", { "data-rules": readFileSync(join(STATIC, "welcome-course-progress-rules.json"), "utf8") }],
    ["welcome-course-completion.js", {}],
  ];
  for (const [name, attributes] of scripts) {
    document.currentScript = { getAttribute: (attribute) => attributes[attribute] ?? null };
    vm.runInContext(readFileSync(join(STATIC, name), "utf8"), context, { filename: name });
    document.currentScript = null;
  }
  return window;
}

/** {"$text": [s, n]}, {"$list": [v, n]}, {"$concat": [...]}: see README.md. */
function expand(value) {
  if (Array.isArray(value)) { return value.map(expand); }
  if (value === null || typeof value !== "object") { return value; }
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "$text") { return value.$text[0].repeat(value.$text[1]); }
  if (keys.length === 1 && keys[0] === "$list") {
    return Array.from({ length: value.$list[1] }, () => expand(value.$list[0]));
  }
  if (keys.length === 1 && keys[0] === "$concat") { return [].concat(...value.$concat.map(expand)); }
  return Object.fromEntries(keys.map((key) => [key, expand(value[key])]));
}

/** The same JSON text for equal values, whatever the order of the keys (as the page stores it). */
function canonical(value) {
  const sorted = (v) => Array.isArray(v) ? v.map(sorted)
    : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]))
      : v;
  return JSON.stringify(sorted(JSON.parse(JSON.stringify(value))));
}

const copy = (value) => JSON.parse(JSON.stringify(value));

function runners(window) {
  const course = window.welcomeCourse;
  const progress = window.welcomeCourseProgress;
  return {
    "grading": (c) => {
      const result = course.grade(c.kind, c.correct, c.options, c.chosen);
      return { correct: result.correct, shown: result.shown, missing_some: result.missingSome };
    },
    "progress-checked": (c) => progress.checked(copy(c.record)),
    "progress-events": (c) => {
      const record = copy(c.record);
      try {
        progress.applyEvent(record, c.event, c.at);
      } catch (err) {
        if (canonical(record) !== canonical(c.record)) { throw new Error("changed the record, then: " + err.message); }
        throw err;
      }
      return record;
    },
    "progress-merge": (c) => progress.merge(copy(c.ours), copy(c.theirs)),
    "progress-figures": (c) => progress.figures(copy(c.record), c.chapter.id, c.chapter.questions, c.chapter.endings, c.chapter.reflections),
    "progress-percent": (c) => progress.percentOf(c.done, c.total),
    "certificate-status": (c) => window.welcomeCourseCompletion.status(copy(c.record), c.facts),
    "certificate-code": (c) => window.welcomeCourseCompletion.codeOf(c.text),
    "progress-restore": (c) => {
      const record = copy(c.record);
      const result = course.restored(record, copy(c.chapter));
      if (canonical(record) !== canonical(c.record)) { throw new Error("showing an answer again changed the record"); }
      return result;
    },
  };
}

const window = loadPageScripts();
const run = runners(window);
const only = process.argv.slice(2);
let count = 0;
const failures = [];
for (const name of Object.keys(run)) {
  if (only.length && !only.includes(name)) { continue; }
  const table = JSON.parse(readFileSync(join(HERE, name + ".json"), "utf8"));
  for (const raw of table.cases) {
    const c = expand(raw);
    count += 1;
    const where = `${name}.json: ${c.name}`;
    let result, error = null;
    try {
      result = run[name](c);
    } catch (err) {
      error = err;
    }
    if ("error" in c) {
      if (error === null) {
        failures.push(`${where}\n  expected an error starting "${c.error}", got ${canonical(result).slice(0, 300)}`);
      } else if (!String(error.message).startsWith(c.error)) {
        failures.push(`${where}\n  expected an error starting "${c.error}", got "${error.message}"`);
      }
    } else if (error !== null) {
      failures.push(`${where}\n  unexpected error: ${error.message}`);
    } else if (canonical(result) !== canonical(c.expected)) {
      failures.push(`${where}\n  expected ${canonical(c.expected).slice(0, 600)}\n       got ${canonical(result).slice(0, 600)}`);
    }
  }
}
for (const failure of failures) { console.log("FAIL " + failure); }
console.log(`ran ${count} cases, ${failures.length} failed`);
process.exitCode = failures.length ? 1 : 0;
