/* The figures chapter in the hosted book, where no Python kernel runs:
 * - the explorer: choose an indicator, a group and a country; the table keeps
 *   the matching figures and the indicator's chart pales the others;
 * - the own-figures form: a teacher's table is checked by the same rules and
 *   with the same messages as in Python (welcome_course/figures/data.py), then drawn.
 *
 * Like welcome-course.js, this script never turns text into markup: it shows
 * and hides elements rendered (and escaped) in Python, and writes text with
 * textContent. The charts it draws are built element by element.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  /* --- the explorer ------------------------------------------------------- */

  function setupExplorer(section) {
    var selects = Array.prototype.slice.call(section.querySelectorAll("select[data-filter]"));
    var rows = Array.prototype.slice.call(section.querySelectorAll("tbody tr[data-row]"));
    var charts = Array.prototype.slice.call(section.querySelectorAll(".wc-explorer-chart"));
    var count = section.querySelector(".wc-explorer-count");
    var empty = section.querySelector(".wc-explorer-empty");
    var hint = section.querySelector(".wc-explorer-hint");

    function update() {
      var chosen = {};
      selects.forEach(function (select) { chosen[select.dataset.filter] = select.value; });
      var matching = {};
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(chosen).every(function (name) {
          return !chosen[name] || row.dataset[name] === chosen[name];
        });
        row.hidden = !ok;
        if (ok) { shown += 1; matching[row.dataset.row] = true; }
      });
      var anyChart = false;
      charts.forEach(function (chart) {
        chart.hidden = !chosen.indicator || chart.dataset.indicator !== chosen.indicator;
        anyChart = anyChart || !chart.hidden;
        chart.querySelectorAll('[id*="-wcbar-"]').forEach(function (bar) {
          var row = bar.id.split("-wcbar-")[1];
          bar.classList.toggle("wc-dim", !matching[row]);
        });
      });
      hint.hidden = !anyChart;
      count.textContent = format(section.dataset.countText, { shown: shown, total: rows.length });
      empty.hidden = shown > 0;
    }

    selects.forEach(function (select) { select.addEventListener("change", update); });
    section.querySelector(".wc-explorer-controls").hidden = false;
    update();
  }

  /* --- reading a table: the same rules as figures.read_records -------------- */

  function readRecords(text) {
    text = text.replace(/^\uFEFF+/, "").replace(/\u0000/g, "").replace(/\r\n/g, "\n").replace(/\r/g, "\n");
    var first = text.split("\n").filter(function (line) { return line.trim(); })[0] || "";
    var delimiter = (first.split(";").length > first.split(",").length) ? ";" : ",";
    var records = [];
    var cells = [];
    var cell = "";
    var state = "start"; // start of a cell, in a cell, in quotes, a quote inside quotes
    var line = 1;
    var start = 1;

    function endCell() { cells.push(cell); cell = ""; }
    function endRecord() {
      var trimmed = cells.map(function (c) { return c.trim(); });
      while (trimmed.length && !trimmed[trimmed.length - 1]) { trimmed.pop(); }
      if (trimmed.length) { records.push({ line: start, cells: trimmed }); }
      cells = [];
      start = line + 1;
    }

    for (var i = 0; i < text.length; i += 1) {
      var c = text.charAt(i);
      if (state === "quoted") {
        if (c === '"') { state = "quote"; } else { cell += c; }
        if (c === "\n") { line += 1; }
        continue;
      }
      if (state === "quote") {
        if (c === '"') { cell += c; state = "quoted"; continue; }
        state = "cell";
      }
      if (c === delimiter) { endCell(); state = "start"; continue; }
      if (c === "\n") {
        if (state !== "start" || cells.length) { endCell(); }
        endRecord();
        line += 1;
        state = "start";
        continue;
      }
      if (state === "start" && c === '"') { state = "quoted"; continue; }
      cell += c;
      state = "cell";
    }
    if (state !== "start" || cells.length) { endCell(); endRecord(); }
    return records;
  }

  /* --- checking a teacher's table: the same rules as figures.check_own_figures */

  var NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;
  // A share as the page's language writes it ("12,5 %" on a French page), as figures/data.py's percent_text
  var DECIMAL = (function () {
    try {
      var parts = new Intl.NumberFormat(document.documentElement.lang || "en").formatToParts(1.5);
      return parts.filter(function (part) { return part.type === "decimal"; })[0].value;
    } catch (err) {
      return ".";
    }
  })();

  function shareText(text) {
    text = text.trim();
    if (text.charAt(text.length - 1) === "%") { text = text.slice(0, -1).trim(); }
    return text.replace(",", ".");
  }

  function problemText(file, line, item, field, message) {
    var parts = [line ? file + ", line " + line : file];
    if (item) { parts.push(item); }
    if (field) { parts.push(field); }
    return parts.join(": ") + ": " + message;
  }

  function checkTable(text, config, file) {
    var msg = config.messages;
    var columns = config.columns.join(",");
    var problems = [];
    var records = readRecords(text);
    if (!records.length) {
      return { rows: [], problems: [problemText(file, null, "", "", format(msg.empty_file, { columns: columns }))] };
    }
    var header = records[0].cells.map(function (name) { return name.toLowerCase(); });
    var headerLine = records[0].line;
    var seen = {};
    header.forEach(function (name) {
      if (seen[name]) {
        problems.push(problemText(file, headerLine, "first line", name, format(msg.twice, { columns: columns })));
      } else if (config.columns.indexOf(name) < 0) {
        problems.push(problemText(file, headerLine, "first line", name, format(msg.unknown_column, { columns: columns })));
      }
      seen[name] = true;
    });
    config.columns.forEach(function (name) {
      if (header.indexOf(name) < 0) {
        problems.push(problemText(file, headerLine, "first line", name, format(msg.missing_column, { columns: columns })));
      }
    });
    if (problems.length) { return { rows: [], problems: problems }; }
    if (records.length === 1) { return { rows: [], problems: [problemText(file, null, "", "", msg.no_rows)] }; }

    var rows = [];
    var firstSeen = {};
    records.slice(1).forEach(function (record, index) {
      var item = "row " + (index + 1);
      var found = [];
      function report(field, message) { found.push(problemText(file, record.line, item, field, message)); }
      if (record.cells.length > header.length) {
        report("", format(msg.count, { count: record.cells.length, expected: header.length }));
        problems = problems.concat(found);
        return;
      }
      var cells = {};
      header.forEach(function (name, i) { cells[name] = i < record.cells.length ? record.cells[i] : ""; });
      config.columns.forEach(function (name) {
        if (!cells[name]) { report(name, format(msg.empty, { what: config.what[name] })); }
      });
      var year = cells.year;
      var low = config.years[0];
      var high = config.years[1];
      if (year && !/^[0-9]{4}$/.test(year)) {
        report("year", format(msg.not_year, { value: year }));
      } else if (year && (Number(year) < low || Number(year) > high)) {
        report("year", format(msg.year_range, { value: year, low: low, high: high }));
      }
      var group = cells.group;
      if (group && config.group_ids.indexOf(group) < 0) {
        report("group", format(msg.group, { value: group, groups: config.group_ids.join(", ") }));
      }
      var number = cells.value ? shareText(cells.value) : "";
      var value = NUMBER.test(number) ? Number(number) : null;
      if (cells.value && value === null) {
        report("value", format(msg.not_number, { value: cells.value }));
      } else if (value !== null && value < 0) {
        report("value", format(msg.below_zero, { value: cells.value }));
      } else if (value !== null && value > 100) {
        report("value", format(msg.above_hundred, { value: cells.value }));
      }
      if (!found.length) {
        var key = [cells.place, year, group].join("\u0000");
        if (Object.prototype.hasOwnProperty.call(firstSeen, key)) {
          report("", format(msg.duplicate, { row: firstSeen[key] }));
        } else {
          firstSeen[key] = index + 1;
          rows.push({ place: cells.place, year: Number(year), group: group, value: value,
                      text: number.replace(".", DECIMAL) + " %", source: cells.source });
        }
      }
      problems = problems.concat(found);
    });
    return { rows: problems.length ? [] : rows, problems: problems };
  }

  /* The bars of a correct table: the same as FigureActivities.own_bars in Python. */
  function ownBars(rows, config) {
    var bars = [];
    Object.keys(config.groups).forEach(function (group) {
      var ones = rows.filter(function (r) { return r.group === group; });
      ones.sort(function (a, b) {
        if (a.place !== b.place) { return a.place < b.place ? -1 : 1; }
        return a.year - b.year;
      });
      ones.forEach(function (r) {
        bars.push({ label: config.groups[group] + ": " + r.place + ", " + r.year, value: r.value, text: r.text, eu: false });
      });
      if (ones.length && config.eu[group]) {
        var eu = config.eu[group];
        bars.push({ label: eu.label, value: eu.value, text: eu.text, eu: true });
      }
    });
    return bars;
  }

  /* --- drawing: a horizontal bar chart, element by element ------------------ */

  function el(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function drawBars(bars, config) {
    var longest = Math.max.apply(null, bars.map(function (b) { return b.label.length; }));
    var labelWidth = Math.min(420, Math.max(120, Math.round(longest * 6.8) + 12));
    var plotWidth = 380, rowHeight = 30, top = 40;
    var height = top + bars.length * rowHeight + 70;
    var highest = Math.max.apply(null, bars.map(function (b) { return b.value; }).concat([config.target.value, 1]));
    var limit = Math.min(100, Math.ceil(highest * 1.15 / 10) * 10);
    function x(value) { return labelWidth + plotWidth * value / limit; }
    var alt = bars.map(function (b) { return b.label + ": " + b.text + "."; }).join(" ");
    var svg = el("svg", { viewBox: "0 0 " + (labelWidth + plotWidth + 70) + " " + height, role: "img",
                          "aria-label": config.title + ". " + alt, "class": "wc-own-svg" });
    svg.appendChild(el("text", { x: 0, y: 18, "class": "wc-own-title" }, config.title));
    for (var tick = 0; tick <= limit; tick += 10) {
      svg.appendChild(el("line", { x1: x(tick), x2: x(tick), y1: top - 4, y2: top + bars.length * rowHeight, "class": "wc-own-grid" }));
      svg.appendChild(el("text", { x: x(tick), y: top + bars.length * rowHeight + 16, "text-anchor": "middle", "class": "wc-own-tick" }, String(tick)));
    }
    bars.forEach(function (bar, i) {
      var y = top + i * rowHeight;
      svg.appendChild(el("text", { x: labelWidth - 8, y: y + rowHeight / 2 + 4, "text-anchor": "end", "class": "wc-own-label" }, bar.label));
      svg.appendChild(el("rect", { x: labelWidth, y: y + 5, width: Math.max(0, x(bar.value) - labelWidth), height: rowHeight - 10,
                                   "class": bar.eu ? "wc-own-bar wc-own-bar-eu" : "wc-own-bar" }));
      svg.appendChild(el("text", { x: x(bar.value) + 5, y: y + rowHeight / 2 + 4, "class": "wc-own-value" }, bar.text));
    });
    var target = x(config.target.value);
    svg.appendChild(el("line", { x1: target, x2: target, y1: top - 4, y2: top + bars.length * rowHeight, "class": "wc-own-target" }));
    svg.appendChild(el("text", { x: labelWidth, y: height - 12, "class": "wc-own-target-label" }, "- - " + config.target.label));
    svg.appendChild(el("text", { x: labelWidth + plotWidth / 2, y: top + bars.length * rowHeight + 34, "text-anchor": "middle", "class": "wc-own-axis" }, config.axis));
    return svg;
  }

  function setupOwn(section) {
    var config = JSON.parse(section.dataset.config);
    var area = section.querySelector("textarea");
    var result = section.querySelector(".wc-own-result");
    var figure = section.querySelector(".wc-own-figure");
    var chart = section.querySelector(".wc-own-chart");

    function clear() {
      result.textContent = "";
      chart.textContent = "";
      figure.hidden = true;
    }

    section.querySelector(".wc-own-check").addEventListener("click", function () {
      clear();
      var checked = checkTable(area.value, config, "my-figures.csv");
      if (checked.problems.length) {
        var intro = document.createElement("p");
        intro.textContent = config.problems;
        var list = document.createElement("ul");
        checked.problems.forEach(function (problem) {
          var item = document.createElement("li");
          item.textContent = problem;
          list.appendChild(item);
        });
        result.appendChild(intro);
        result.appendChild(list);
        result.className = "wc-own-result wc-own-problems";
        return;
      }
      result.className = "wc-own-result";
      result.textContent = format(config.done, { count: checked.rows.length });
      chart.appendChild(drawBars(ownBars(checked.rows, config), config));
      figure.hidden = false;
    });
    section.querySelector(".wc-own-reset").addEventListener("click", function () {
      area.value = section.dataset.template;
      clear();
    });
    section.querySelectorAll(".wc-own-noscript").forEach(function (note) { note.hidden = true; });
    section.querySelector(".wc-own-form").hidden = false;
  }

  function start() {
    document.querySelectorAll(".wc-explorer").forEach(setupExplorer);
    document.querySelectorAll(".wc-own").forEach(setupOwn);
  }

  window.welcomeCourseFigures = { readRecords: readRecords, checkTable: checkTable, ownBars: ownBars };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
