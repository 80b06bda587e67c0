/* The learner's progress in the hosted book, kept in the browser's storage.
 *
 * The record has the same format as the live store's file
 * (welcome_course/progress/record.py), so a file downloaded here can be
 * loaded in Jupyter, on another device or by a trainer, and back.
 * Like welcome-course.js, this script never turns text into markup: the
 * learner's text is only ever set with textContent or as a form value.
 *
 * The record's constants (format, version, limits, key pattern, outcomes, blank
 * characters) come from welcome_course/static/welcome-course-progress-rules.json,
 * which record.py reads too: the book's extension puts it in this script's
 * data-rules attribute. The rules below are those of record.py and summary.py;
 * tests/cases/ holds cases that pytest runs on the Python and Node on this
 * script (tests/cases/run-js.mjs), so both agree. Lengths count characters
 * (code points), as Python's len() does, not UTF-16 units.
 */
(function () {
  "use strict";

  var KEY = "welcome-course:progress";
  var LEGACY_REFLECTION = "welcome-course:reflection:"; /* the first release kept each reflection under its own key */
  var RULES = JSON.parse(document.currentScript.getAttribute("data-rules"));
  var FORMAT = RULES.format;
  var VERSION = RULES.version;
  var HISTORY_LIMIT = RULES.history_limit;
  var TEXT_LIMIT = RULES.text_limit;
  var OPTION_ID_LIMIT = RULES.option_id_limit;
  var TIME_LIMIT = RULES.time_limit;
  var PATH_LIMIT = RULES.path_limit;
  var KEY_PATTERN = new RegExp(RULES.key_pattern);
  var ID_PATTERN = new RegExp(RULES.id_pattern);
  var OUTCOMES = RULES.outcomes;
  var BLANK = RULES.blank;
  var LEARNER_LIMIT = RULES.learner_limit;
  var MOMENTS = RULES.moments;
  var RATING_MIN = RULES.rating_min, RATING_MAX = RULES.rating_max;

  var storage = (function () {
    try {
      var probe = "welcome-course:probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (err) {
      return null;
    }
  })();
  var memory = null; /* the record for this visit when storage is unavailable */

  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "Z"); }

  /* Characters, as Python counts them: a character outside the BMP (an emoji) is one, not two. */
  function length(text) { return Array.from(text).length; }
  function cut(text, limit) { return text.length <= limit ? text : Array.from(text).slice(0, limit).join(""); }
  function isBlank(text) {
    for (var i = 0; i < text.length; i++) { if (BLANK.indexOf(text.charAt(i)) < 0) { return false; } }
    return true;
  }
  function stripBlank(text) {
    var chars = Array.from(text), start = 0, end = chars.length;
    while (start < end && BLANK.indexOf(chars[start]) >= 0) { start++; }
    while (end > start && BLANK.indexOf(chars[end - 1]) >= 0) { end--; }
    return chars.slice(start, end).join("");
  }

  function newRecord() {
    return { format: FORMAT, version: VERSION, learner: "", updated: null, answers: {}, endings: {}, reflections: {}, ratings: {} };
  }

  /* --- checking, the same rules as record.py ------------------------------- */
  function fail(where, what) { throw new Error(where + ": " + what); }
  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function checkTime(x, where) { if (!(x === null || x === undefined || (typeof x === "string" && length(x) <= TIME_LIMIT))) { fail(where, "expected a date and time or null"); } }

  function checked(raw) {
    if (!isObject(raw)) { throw new Error("is not a progress record (expected a JSON object)"); }
    if (raw.format !== FORMAT) { throw new Error("is not a progress record of this course"); }
    if (typeof raw.version !== "number" || raw.version % 1 !== 0) { throw new Error("has no version number"); }
    if (raw.version > VERSION) { throw new Error("was written by a newer version of the course (format version " + raw.version + "; this one reads up to " + VERSION + ")"); }
    if (raw.version < 1) { throw new Error("has an unknown format version " + raw.version); }
    var record = raw.version === 1 ? upgradeFrom1(raw) : JSON.parse(JSON.stringify(raw));
    if (raw.version === 2) { record.ratings = {}; } /* version 2 had no ratings: a field of that name was not the course's */
    if (record.learner === undefined) { record.learner = ""; }
    if (typeof record.learner !== "string") { fail("learner", "expected text"); }
    checkTime(record.updated, "updated");
    ["answers", "endings", "reflections", "ratings"].forEach(function (section) {
      if (record[section] === undefined) { record[section] = {}; }
      if (!isObject(record[section])) { fail(section, "expected an object"); }
      Object.keys(record[section]).forEach(function (key) {
        if (!KEY_PATTERN.test(key)) { fail(section + "['" + key + "']", "expected a key like 'step-01/first-contact'"); }
      });
    });
    Object.keys(record.answers).forEach(function (key) {
      var attempts = record.answers[key];
      if (!Array.isArray(attempts) || !attempts.length) { fail("answers['" + key + "']", "expected a list of attempts"); }
      attempts.forEach(function (a, i) {
        var at = "answers['" + key + "'][" + i + "]";
        if (!isObject(a)) { fail(at, "expected an object"); }
        if (!Array.isArray(a.chosen) || !a.chosen.length || !a.chosen.every(function (c) { return typeof c === "string" && length(c) <= OPTION_ID_LIMIT; })) { fail(at + ".chosen", "expected a list of option ids"); }
        if (typeof a.correct !== "boolean") { fail(at + ".correct", "expected true or false"); }
        checkTime(a.at, at + ".at");
      });
    });
    Object.keys(record.endings).forEach(function (key) {
      var reached = record.endings[key];
      if (!Array.isArray(reached) || !reached.length) { fail("endings['" + key + "']", "expected a list"); }
      reached.forEach(function (e, i) {
        if (!isObject(e) || OUTCOMES.indexOf(e.outcome) < 0) { fail("endings['" + key + "'][" + i + "].outcome", "expected one of " + OUTCOMES.join(", ")); }
        checkTime(e.at, "endings['" + key + "'][" + i + "].at");
        if (Object.prototype.hasOwnProperty.call(e, "path")) { checkPath(e.path, "endings['" + key + "'][" + i + "].path"); }
      });
    });
    Object.keys(record.reflections).forEach(function (key) {
      var entry = record.reflections[key];
      if (!isObject(entry)) { fail("reflections['" + key + "']", "expected an object"); }
      if (typeof entry.text !== "string" || length(entry.text) > TEXT_LIMIT) { fail("reflections['" + key + "'].text", "expected text of at most " + TEXT_LIMIT + " characters"); }
      checkTime(entry.at, "reflections['" + key + "'].at");
    });
    Object.keys(record.ratings).forEach(function (key) {
      var entry = record.ratings[key], where = "ratings['" + key + "']";
      if (MOMENTS.indexOf(key.split("/")[0]) < 0) { fail(where, "expected a key starting with " + MOMENTS.join(" or ")); }
      if (!isObject(entry)) { fail(where, "expected an object"); }
      if (!isRating(entry.rating)) { fail(where + ".rating", "expected a whole number from " + RATING_MIN + " to " + RATING_MAX); }
      checkTime(entry.at, where + ".at");
    });
    record.version = VERSION;
    return record;
  }

  function checkPath(path, where) {
    if (!Array.isArray(path) || path.length > PATH_LIMIT) { fail(where, "expected a list of at most " + PATH_LIMIT + " choices"); }
    path.forEach(function (step, n) {
      if (!isObject(step) || typeof step.node !== "string" || !ID_PATTERN.test(step.node) ||
          typeof step.choice !== "number" || step.choice % 1 !== 0 || step.choice < 1) {
        fail(where + "[" + n + "]", "expected a node id and a choice number (from 1)");
      }
    });
  }

  function upgradeFrom1(raw) {
    var record = newRecord();
    record.learner = typeof raw.learner === "string" ? raw.learner : "";
    var answers = raw.answers === undefined ? {} : raw.answers;
    var reflections = raw.reflections === undefined ? {} : raw.reflections;
    if (!isObject(answers) || !isObject(reflections)) { throw new Error("version 1: 'answers' and 'reflections' must be objects"); }
    Object.keys(answers).forEach(function (key) {
      if (!isObject(answers[key])) { throw new Error("version 1: answers['" + key + "'] must be an object"); }
      record.answers[key] = [{ chosen: answers[key].chosen, correct: answers[key].correct, at: null }];
    });
    Object.keys(reflections).forEach(function (key) { record.reflections[key] = { text: reflections[key], at: null }; });
    return record;
  }

  function isRating(x) { return typeof x === "number" && x % 1 === 0 && x >= RATING_MIN && x <= RATING_MAX; }

  /* --- events and merging, the same rules as record.py --------------------- */
  function applyEvent(record, e, at) {
    var list;
    at = at || now();
    if (e.type === "answer") {
      list = record.answers[e.chapter + "/" + e.question] = record.answers[e.chapter + "/" + e.question] || [];
      list.push({ chosen: e.chosen.slice().sort(), correct: !!e.correct, at: at });
    } else if (e.type === "ending") {
      list = record.endings[e.chapter + "/" + e.ending] = record.endings[e.chapter + "/" + e.ending] || [];
      var entry = { outcome: e.outcome, at: at };
      if (Array.isArray(e.path) && e.path.length <= PATH_LIMIT) {
        entry.path = e.path.map(function (step) { return { node: step.node, choice: step.choice }; });
      }
      list.push(entry);
    } else if (e.type === "reflection") {
      record.reflections[e.chapter + "/" + e.reflection] = { text: cut(e.text, TEXT_LIMIT), at: at };
    } else if (e.type === "rating") {
      if (MOMENTS.indexOf(e.moment) < 0 || !isRating(e.rating)) {
        throw new Error("a rating is a whole number from " + RATING_MIN + " to " + RATING_MAX + ", given before or after");
      }
      record.ratings[e.moment + "/" + e.statement] = { rating: e.rating, at: at };
    } else if (e.type === "learner") {
      record.learner = cut(stripBlank(String(e.name)), LEARNER_LIMIT); /* the name as the certificate shows it */
    } else if (e.type === "clear") {
      ["answers", "endings"].forEach(function (section) {
        Object.keys(record[section]).forEach(function (key) {
          if (key.indexOf(e.chapter + "/") === 0) { delete record[section][key]; }
        });
      });
    } else {
      throw new Error("unknown event type " + JSON.stringify(e.type));
    }
    if (list && list.length > HISTORY_LIMIT) { list.splice(0, list.length - HISTORY_LIMIT); }
    record.updated = at;
  }

  function entryKey(entry) {
    return JSON.stringify(Object.keys(entry).sort().map(function (k) { return [k, entry[k]]; }));
  }
  function timeOf(entry) { return entry.at || ""; }

  function merge(ours, theirs) {
    var merged = JSON.parse(JSON.stringify(ours));
    merged.learner = ours.learner || theirs.learner || "";
    ["answers", "endings"].forEach(function (section) {
      Object.keys(theirs[section]).forEach(function (key) {
        var combined = merged[section][key] = merged[section][key] || [];
        var seen = {};
        combined.forEach(function (e) { seen[entryKey(e)] = true; });
        theirs[section][key].forEach(function (e) { if (!seen[entryKey(e)]) { combined.push(JSON.parse(JSON.stringify(e))); } });
        combined.sort(function (a, b) { return timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : 0; });
        if (combined.length > HISTORY_LIMIT) { combined.splice(0, combined.length - HISTORY_LIMIT); }
      });
    });
    ["reflections", "ratings"].forEach(function (section) {
      Object.keys(theirs[section]).forEach(function (key) {
        var mine = merged[section][key], other = theirs[section][key];
        if (!mine || timeOf(other) > timeOf(mine)) { merged[section][key] = JSON.parse(JSON.stringify(other)); }
      });
    });
    var times = [ours.updated, theirs.updated].filter(Boolean).sort();
    merged.updated = times.length ? times[times.length - 1] : null;
    return merged;
  }

  /* --- storage --------------------------------------------------------------- */
  function load() {
    if (!storage) { return memory || (memory = newRecord()); }
    var text = storage.getItem(KEY), record;
    if (text === null) {
      record = newRecord();
    } else {
      try {
        record = checked(JSON.parse(text));
      } catch (err) {
        /* Never overwrite what cannot be read: keep it under another key. */
        try { storage.setItem(KEY + ":unreadable:" + now(), text); } catch (full) { showStorageNotice(); return newRecord(); }
        record = newRecord();
        save(record); /* so the unreadable text is kept aside once, not again at every load */
      }
    }
    migrateLegacyReflections(record);
    return record;
  }

  function migrateLegacyReflections(record) {
    for (var i = storage.length - 1; i >= 0; i--) {
      var key = storage.key(i);
      if (key && key.indexOf(LEGACY_REFLECTION) === 0) {
        var parts = key.slice(LEGACY_REFLECTION.length).split(":");
        var id = parts.join("/");
        if (KEY_PATTERN.test(id) && !record.reflections[id]) {
          record.reflections[id] = { text: storage.getItem(key) || "", at: null };
        }
        storage.removeItem(key);
        save(record);
      }
    }
  }

  function save(record) {
    if (!storage) { memory = record; return; }
    try {
      storage.setItem(KEY, JSON.stringify(record));
    } catch (err) {
      memory = record;
      showStorageNotice();
    }
  }

  function record(event) {
    var current = load();
    applyEvent(current, event);
    save(current);
  }

  function showStorageNotice() {
    document.querySelectorAll(".wc-storage-notice").forEach(function (el) { el.hidden = false; });
  }

  /* --- the "My progress" page ------------------------------------------------- */
  function fill(template, values) {
    return Object.keys(values).reduce(function (text, name) { return text.split("{" + name + "}").join(String(values[name])); }, template);
  }
  function ids(el, name) { return (el.getAttribute(name) || "").split(" ").filter(Boolean); }
  function percentOf(done, total) { return total ? Math.floor(100 * done / total + 0.5) : 0; }

  /* One chapter's figures, given the ids of its questions, its scenario's endings and its
   * reflections: the same rules as summary.py's chapter_figures. */
  function figures(rec, chapter, questions, endings, reflections) {
    var latest = questions.map(function (q) { return rec.answers[chapter + "/" + q]; });
    var right = latest.filter(function (attempts) { return attempts && attempts[attempts.length - 1].correct; }).length;
    var reached = endings.filter(function (e) { return Object.prototype.hasOwnProperty.call(rec.endings, chapter + "/" + e); });
    var written = reflections.filter(function (r) {
      var entry = rec.reflections[chapter + "/" + r];
      return entry && !isBlank(entry.text);
    }).length;
    var done = right + (reached.length ? 1 : 0) + written;
    var total = questions.length + (endings.length ? 1 : 0) + reflections.length;
    return {
      right: right, answered: latest.filter(Boolean).length, endings: reached, written: written,
      done: done, total: total, percent: percentOf(done, total)
    };
  }

  function renderProgress(section, rec) {
    var data = section.dataset, allDone = 0, allTotal = 0;
    var svg = section.querySelector(".wc-progress-chart svg");
    var barWidth = svg ? Number(svg.getAttribute("data-bar-width")) : 0;
    section.querySelectorAll(".wc-progress-table tbody tr").forEach(function (row) {
      var chapter = row.dataset.chapter;
      var questions = ids(row, "data-questions"), reflections = ids(row, "data-reflections");
      var spans = Array.prototype.slice.call(row.querySelectorAll(".wc-ending-name"));
      var endings = spans.map(function (span) { return span.dataset.ending; });
      var counts = figures(rec, chapter, questions, endings, reflections);
      spans.forEach(function (span) { span.hidden = counts.endings.indexOf(span.dataset.ending) < 0; });
      row.querySelector(".wc-no-ending").hidden = counts.endings.length > 0;
      var right = counts.right, written = counts.written, percent = counts.percent;
      allDone += counts.done;
      allTotal += counts.total;
      var bar = row.querySelector("progress");
      bar.value = percent;
      bar.textContent = percent + " %";
      row.querySelector(".wc-percent").textContent = percent + " %";
      row.querySelector(".wc-quiz-cell").textContent = fill(data.quizText, { right: right, total: questions.length });
      row.querySelector(".wc-reflection-cell").textContent = fill(data.reflectionsText, { written: written, total: reflections.length });
      if (svg) {
        svg.querySelector('rect.wc-chart-bar[data-chapter="' + chapter + '"]').setAttribute("width", String(Math.floor(barWidth * percent / 100 + 0.5)));
        svg.querySelector('text.wc-chart-value[data-chapter="' + chapter + '"]').textContent = percent + " %";
      }
    });
    section.querySelector(".wc-overall").textContent = fill(data.overallText, { percent: percentOf(allDone, allTotal) });
    section.querySelectorAll(".wc-journal-text").forEach(function (p) {
      var entry = rec.reflections[p.dataset.key];
      p.textContent = entry ? entry.text : "";
    });
  }

  function download(name, type, content) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  var PORTFOLIO_STYLE = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5}" +
    "table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left}" +
    ".wc-journal-text{white-space:pre-wrap;border-left:3px solid #0a6b6b;padding-left:.75rem}" +
    "[hidden]{display:none}@media print{body{margin:0}}";

  function portfolioDocument(section) {
    var title = section.dataset.portfolioTitle;
    var doc = document.implementation.createHTMLDocument(title);
    var charset = doc.createElement("meta"); /* the saved file is UTF-8: say so, or accents turn to mojibake */
    charset.setAttribute("charset", "utf-8");
    doc.head.insertBefore(charset, doc.head.firstChild);
    var style = doc.createElement("style");
    style.textContent = PORTFOLIO_STYLE;
    doc.head.appendChild(style);
    var heading = doc.createElement("h1");
    heading.textContent = title;
    var date = doc.createElement("p");
    date.textContent = now().slice(0, 10);
    doc.body.appendChild(heading);
    doc.body.appendChild(date);
    [".wc-overall", ".wc-progress-table", ".wc-journal-heading", ".wc-journal"].forEach(function (selector) {
      doc.body.appendChild(doc.importNode(section.querySelector(selector), true));
    });
    /* the self-assessment and the action plan, shown by welcome-course-completion.js */
    document.querySelectorAll(".wc-portfolio-part").forEach(function (part) { doc.body.appendChild(doc.importNode(part, true)); });
    doc.querySelectorAll("a").forEach(function (a) { a.replaceWith(doc.createTextNode(a.textContent)); });
    return "<!doctype html>\n" + doc.documentElement.outerHTML;
  }

  function setupProgressPage(section) {
    renderProgress(section, load());
    var page = section.parentNode.querySelector(".wc-transfer") || document.querySelector(".wc-transfer");
    if (!page) { return; }
    var status = page.querySelector(".wc-import-status");
    page.querySelector(".wc-export-portfolio").addEventListener("click", function () {
      download("my-portfolio.html", "text/html", portfolioDocument(section));
    });
    page.querySelector(".wc-export-data").addEventListener("click", function () {
      download("my-progress.json", "application/json", JSON.stringify(load(), null, 1));
    });
    page.querySelector(".wc-import-file").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) { return; }
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var other = checked(JSON.parse(reader.result));
          var merged = merge(load(), other);
          save(merged);
          renderProgress(section, merged);
          status.textContent = section.dataset.importDoneText;
        } catch (err) {
          status.textContent = fill(section.dataset.importFailedText, { reason: "the file " + (err instanceof SyntaxError ? "is not a JSON file" : err.message) });
        }
        event.target.value = "";
      };
      reader.readAsText(file);
    });
  }

  /* --- wiring ------------------------------------------------------------------- */
  function restoreReflections() {
    var rec = load();
    document.querySelectorAll(".wc-reflections").forEach(function (section) {
      section.querySelectorAll("textarea").forEach(function (area) {
        var entry = rec.reflections[section.dataset.chapter + "/" + area.dataset.reflection];
        if (entry && !area.value) { area.value = entry.text; }
      });
    });
  }

  function start() {
    if (!storage) { showStorageNotice(); }
    restoreReflections();
    if (window.welcomeCourse && window.welcomeCourse.restore) { window.welcomeCourse.restore(load()); }
    document.querySelectorAll(".wc-progress").forEach(setupProgressPage);
  }

  document.addEventListener("welcome-course:answered", function (e) { record({ type: "answer", chapter: e.detail.chapter, question: e.detail.question, chosen: e.detail.chosen, correct: e.detail.correct }); });
  document.addEventListener("welcome-course:ending", function (e) { record({ type: "ending", chapter: e.detail.chapter, ending: e.detail.ending, outcome: e.detail.outcome, path: e.detail.path }); });
  document.addEventListener("welcome-course:clear", function (e) { record({ type: "clear", chapter: e.detail.chapter }); });
  document.addEventListener("welcome-course:reflection", function (e) { record({ type: "reflection", chapter: e.detail.chapter, reflection: e.detail.reflection, text: e.detail.text }); });

  window.welcomeCourseProgress = {
    load: load, checked: checked, merge: merge, applyEvent: applyEvent, figures: figures, percentOf: percentOf
  };
  window.welcomeCourseProgress.record = record; /* for welcome-course-completion.js: ratings and the learner's name */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
