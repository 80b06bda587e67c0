/* The end of the course in the hosted book: the self-assessment, the action plan as written, and
 * the certificate of completion (welcome_course/progress/self_assessment.py, action_plan.py,
 * certificate.py render the HTML; this script fills it in from the learner's record).
 *
 * The record is the one welcome-course-progress.js keeps (loaded before this script): ratings and
 * the learner's name are saved through its `record`. The boxes of the action plan are a
 * reflections section, which welcome-course.js and welcome-course-progress.js save and restore.
 *
 * `status` follows the rules of certificate.py's `status` (completion, what is missing, the date,
 * the canonical text and the verification code, a SHA-256 computed here): tests/cases/certificate-status.json
 * and certificate-code.json hold cases that pytest runs on the Python and Node on this script
 * (tests/cases/run-js.mjs).
 *
 * Like the course's other scripts, this one never turns text into markup: text is set with
 * textContent or as a form value; the certificate's page is built with DOM methods.
 */
(function () {
  "use strict";

  var HEADER = "welcome-course-certificate/1";
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var CODE_LENGTH = 10;

  /* --- SHA-256 of a text's UTF-8 bytes (FIPS 180-4) ------------------------------------------ */
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function utf8(text) {
    var bytes = [];
    Array.from(text).forEach(function (ch) {
      var c = ch.codePointAt(0);
      if (c < 0x80) { bytes.push(c); }
      else if (c < 0x800) { bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63)); }
      else if (c < 0x10000) { bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)); }
      else { bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)); }
    });
    return bytes;
  }

  function sha256(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var length = bytes.length, data = bytes.slice();
    data.push(0x80);
    while (data.length % 64 !== 56) { data.push(0); }
    var bits = length * 8;
    for (var shift = 56; shift >= 0; shift -= 8) { data.push(shift >= 32 ? Math.floor(bits / Math.pow(2, shift)) & 255 : (bits >>> shift) & 255); }
    var w = new Array(64);
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var offset = 0; offset < data.length; offset += 64) {
      for (var i = 0; i < 16; i++) {
        w[i] = (data[offset + 4 * i] << 24) | (data[offset + 4 * i + 1] << 16) | (data[offset + 4 * i + 2] << 8) | data[offset + 4 * i + 3];
      }
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0, (h[4] + e) | 0, (h[5] + f) | 0, (h[6] + g) | 0, (h[7] + hh) | 0];
    }
    var out = [];
    h.forEach(function (word) { out.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255); });
    return out;
  }

  /* --- the certificate's rules: certificate.py's status --------------------------------------- */
  function codeOf(text) {
    var bits = sha256(utf8(text)).slice(0, 7).map(function (byte) { return ("0000000" + byte.toString(2)).slice(-8); }).join("");
    var code = "";
    for (var i = 0; i < 5 * CODE_LENGTH; i += 5) { code += ALPHABET.charAt(parseInt(bits.slice(i, i + 5), 2)); }
    return code;
  }

  function timeOf(entry) { return entry.at || ""; }
  function sameSorted(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }
  function uniqueSorted(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }).sort(); }

  function status(record, facts) {
    var lines = [], missing = [], times = [];
    facts.forEach(function (chapter) {
      var wrong = [];
      chapter.questions.forEach(function (question) {
        var attempts = record.answers[chapter.id + "/" + question.id] || [];
        var correct = question.correct.slice().sort();
        function right(attempt) { return sameSorted(uniqueSorted(attempt.chosen), correct); }
        if (!attempts.length || !right(attempts[attempts.length - 1])) { wrong.push(question.id); return; }
        var first = attempts.length - 1;
        while (first > 0 && right(attempts[first - 1])) { first--; }
        times.push(timeOf(attempts[first]));
        lines.push(chapter.id + "/" + question.id + "=" + correct.join(","));
      });
      var earliest = null;
      chapter.endings.forEach(function (ending, index) {
        (record.endings[chapter.id + "/" + ending] || []).forEach(function (entry) {
          var when = timeOf(entry);
          if (earliest === null || when < earliest.when || (when === earliest.when && index < earliest.index)) {
            earliest = { when: when, index: index, ending: ending };
          }
        });
      });
      var noEnding = chapter.endings.length > 0 && earliest === null;
      if (earliest !== null) {
        times.push(earliest.when);
        lines.push(chapter.id + "/ending=" + earliest.ending);
      }
      if (wrong.length || noEnding) { missing.push({ chapter: chapter.id, questions: wrong, ending: noEnding }); }
    });
    if (missing.length) { return { complete: false, missing: missing, date: null, text: null, code: null }; }
    var latest = times.reduce(function (a, b) { return b > a ? b : a; }, "");
    var date = (latest || record.updated || "").slice(0, 10);
    var text = [HEADER, "learner=" + (record.learner || ""), "date=" + date].concat(lines).join("\n");
    return { complete: true, missing: [], date: date, text: text, code: codeOf(text) };
  }

  function shownCode(code) { return code.slice(0, 5) + "-" + code.slice(5); }

  /* --- the page -------------------------------------------------------------------------------- */
  function progress() { return window.welcomeCourseProgress; }
  function fill(template, values) {
    return Object.keys(values).reduce(function (text, name) { return text.split("{" + name + "}").join(String(values[name])); }, template);
  }
  function ratingsOf(rec, moment) {
    var out = {}, prefix = moment + "/";
    Object.keys(rec.ratings || {}).forEach(function (key) {
      if (key.indexOf(prefix) === 0) { out[key.slice(prefix.length)] = rec.ratings[key].rating; }
    });
    return out;
  }
  function isBlank(text) { return !/\S/.test(text); }

  function setupSelfAssessment(section) {
    var moment = section.dataset.moment;
    function show() {
      var rec = progress().load(), mine = ratingsOf(rec, moment), before = ratingsOf(rec, "before");
      section.querySelectorAll(".wc-statement").forEach(function (fieldset) {
        var id = fieldset.dataset.statement;
        fieldset.querySelectorAll("input").forEach(function (input) { input.checked = Number(input.value) === mine[id]; });
        var said = fieldset.querySelector(".wc-rated-before");
        if (said) {
          var chosen = fieldset.querySelector('input[value="' + before[id] + '"]');
          said.hidden = before[id] === undefined || !chosen;
          said.textContent = chosen ? fill(section.dataset.ratedBeforeText, { rating: chosen.labels[0].textContent }) : "";
        }
      });
    }
    section.querySelectorAll(".wc-statement input").forEach(function (input) {
      input.addEventListener("change", function () {
        progress().record({ type: "rating", moment: moment, statement: input.closest(".wc-statement").dataset.statement, rating: Number(input.value) });
      });
    });
    show();
  }

  function showResults(section, rec) {
    var notRated = section.dataset.notRatedText;
    var before = ratingsOf(rec, "before"), after = ratingsOf(rec, "after");
    section.querySelectorAll("tbody tr").forEach(function (row) {
      var id = row.dataset.statement, b = before[id], a = after[id];
      row.querySelector(".wc-before").textContent = b === undefined ? notRated : String(b);
      row.querySelector(".wc-after").textContent = a === undefined ? notRated : String(a);
      /* self_assessment.change_text: '+2', '0', '-1', '' unless both are given */
      row.querySelector(".wc-change").textContent = b === undefined || a === undefined ? "" : a === b ? "0" : (a > b ? "+" : "") + (a - b);
    });
  }

  function showPlan(section, rec) {
    var any = false;
    section.querySelectorAll(".wc-plan-part").forEach(function (part) {
      var partWritten = false;
      part.querySelectorAll(".wc-plan-text").forEach(function (p) {
        var entry = rec.reflections[p.dataset.key], text = entry ? entry.text : "";
        p.textContent = text;
        p.parentNode.hidden = isBlank(text);
        partWritten = partWritten || !isBlank(text);
      });
      part.hidden = !partWritten;
      any = any || partWritten;
    });
    section.querySelector(".wc-plan-empty").hidden = any;
  }

  function certificateDocument(panel) {
    var title = panel.dataset.title;
    var doc = document.implementation.createHTMLDocument(title);
    doc.documentElement.setAttribute("lang", document.documentElement.getAttribute("lang") || "en");
    var charset = doc.createElement("meta"); /* the saved file is UTF-8: say so */
    charset.setAttribute("charset", "utf-8");
    doc.head.insertBefore(charset, doc.head.firstChild);
    var style = doc.createElement("style");
    style.textContent = panel.dataset.style;
    doc.head.appendChild(style);
    doc.body.className = "wc-certificate-page";
    doc.body.appendChild(doc.importNode(panel.querySelector(".wc-certificate"), true));
    return "<!doctype html>\n" + doc.documentElement.outerHTML;
  }

  function setupCertificate(panel) {
    var facts = JSON.parse(panel.dataset.facts);
    var name = panel.querySelector(".wc-learner-name");
    var buttons = panel.querySelectorAll(".wc-cert-actions button");

    function show() {
      var rec = progress().load(), found = status(rec, facts);
      var missing = {};
      found.missing.forEach(function (entry) { missing[entry.chapter] = entry; });
      panel.querySelectorAll(".wc-cert-missing li").forEach(function (item) {
        var entry = missing[item.dataset.chapter], parts = [];
        item.hidden = !entry;
        if (!entry) { return; }
        var total = facts.filter(function (c) { return c.id === entry.chapter; })[0].questions.length;
        if (entry.questions.length) { parts.push(fill(panel.dataset.missingQuizText, { count: entry.questions.length, total: total })); }
        if (entry.ending) { parts.push(panel.dataset.missingEndingText); }
        item.querySelector(".wc-missing-what").textContent = parts.join("; ");
      });
      panel.querySelector(".wc-cert-missing").hidden = found.complete;
      panel.querySelector(".wc-cert-ready").hidden = !found.complete;
      if (!found.complete) { return; }
      if (document.activeElement !== name) { name.value = rec.learner; }
      var named = !isBlank(rec.learner);
      panel.querySelector(".wc-cert-name-needed").hidden = named;
      buttons.forEach(function (button) { button.disabled = !named; });
      panel.querySelector(".wc-cert-name").textContent = rec.learner;
      panel.querySelector(".wc-cert-date").textContent = fill(panel.dataset.dateText, { date: found.date });
      panel.querySelector(".wc-cert-code").textContent = fill(panel.dataset.codeText, { code: shownCode(found.code) });
      panel.dataset.code = found.code;
    }

    name.addEventListener("input", function () {
      progress().record({ type: "learner", name: name.value });
      show();
    });
    panel.querySelector(".wc-print-certificate").addEventListener("click", function () {
      document.documentElement.classList.add("wc-printing-certificate");
      window.print();
    });
    window.addEventListener("afterprint", function () { document.documentElement.classList.remove("wc-printing-certificate"); });
    panel.querySelector(".wc-download-certificate").addEventListener("click", function () {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([certificateDocument(panel)], { type: "text/html" }));
      link.download = "my-certificate.html";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    show();
    return show;
  }

  function start() {
    if (!progress()) { return; }
    document.querySelectorAll(".wc-self-assessment").forEach(setupSelfAssessment);
    var refresh = [];
    document.querySelectorAll(".wc-certificate-panel").forEach(function (panel) { refresh.push(setupCertificate(panel)); });
    function showAll() {
      var rec = progress().load();
      document.querySelectorAll(".wc-self-results").forEach(function (section) { showResults(section, rec); });
      document.querySelectorAll(".wc-plan-view").forEach(function (section) { showPlan(section, rec); });
      refresh.forEach(function (show) { show(); });
    }
    showAll();
    /* a progress file loaded on My progress changes the record: show it here too */
    document.querySelectorAll(".wc-import-status").forEach(function (status) {
      new MutationObserver(showAll).observe(status, { childList: true, characterData: true, subtree: true });
    });
  }

  window.welcomeCourseCompletion = { status: status, codeOf: codeOf };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
