/* The static rendering's behaviour: quizzes, case scenarios and reflections
 * in the hosted book, where no Python kernel runs.
 *
 * This script never turns text into markup. Every piece of text was escaped
 * in Python (welcome_course/activities/static_html.py); here elements are only shown,
 * hidden, copied (cloneNode) or given text with textContent.
 *
 * What the learner did before (kept by welcome-course-progress.js) is shown again through
 * restore(): the page script of the progress record calls it once the record is read, and
 * `restored` decides what each chapter shows, by the rules of progress/restore.py.
 */
(function () {
  "use strict";

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function unique(ids) { return ids.filter(function (id, i) { return ids.indexOf(id) === i; }); }

  /* Grading: the same rules as welcome_course/activities/grading.py (tests/cases/grading.json
   * runs both on the same answers; the browser tests check both agree on every question
   * of the course). */
  function grade(kind, correctIds, optionIds, chosenIds) {
    var chosen = unique(chosenIds).sort();
    var correct = correctIds.slice().sort();
    var right = chosen.length === correct.length && chosen.every(function (id, i) { return id === correct[i]; });
    return {
      correct: right,
      shown: optionIds.filter(function (id) { return right || chosen.indexOf(id) >= 0; }),
      missingSome: kind === "multiple_choice" && !right &&
        correct.some(function (id) { return chosen.indexOf(id) < 0; })
    };
  }

  /* An answer grading.py accepts: at least one option, every one the question's, and only one
   * unless the question takes several. */
  function fits(question, chosenIds) {
    var chosen = unique(chosenIds);
    return chosen.length > 0 && chosen.every(function (id) { return question.options.indexOf(id) >= 0; }) &&
      (question.kind === "multiple_choice" || chosen.length === 1);
  }

  /* --- what a chapter shows again: the same rules as progress/restore.py ---------------------
   * `chapter` describes what is on the page: {id, questions: [{id, kind, options, correct}],
   * scenario: null or {start, nodes: {id: {choices: [next node of each choice], outcome}}}}. */
  function restored(record, chapter) {
    var answers = {}, outdated = [];
    chapter.questions.forEach(function (question) {
      var key = chapter.id + "/" + question.id;
      var attempts = has(record.answers, key) ? record.answers[key] : null;
      if (!attempts || !attempts.length) { return; }
      var chosen = attempts[attempts.length - 1].chosen;
      if (!fits(question, chosen)) { outdated.push(question.id); return; }
      var result = grade(question.kind, question.correct, question.options, chosen);
      answers[question.id] = { chosen: unique(chosen).sort(), correct: result.correct, shown: result.shown, missing_some: result.missingSome };
    });
    return {
      answers: answers,
      outdated: outdated,
      right: Object.keys(answers).filter(function (id) { return answers[id].correct; }).length,
      total: chapter.questions.length,
      scenario: chapter.scenario ? restoredPath(record, chapter.id, chapter.scenario) : null
    };
  }

  function lastEnding(record, chapterId) {
    var prefix = chapterId + "/", best = null;
    Object.keys(record.endings).forEach(function (key) {
      if (key.indexOf(prefix) !== 0) { return; }
      record.endings[key].forEach(function (entry) {
        var at = entry.at || "";
        if (best === null || at > best.at || (at === best.at && key >= best.key)) {
          best = { at: at, key: key, ending: key.slice(prefix.length), entry: entry };
        }
      });
    });
    return best;
  }

  function restoredPath(record, chapterId, scenario) {
    var last = lastEnding(record, chapterId);
    if (last === null) { return null; }
    var nodes = scenario.nodes, ending = last.ending;
    function isEnding(id) { return has(nodes, id) && Boolean(nodes[id].outcome); }
    if (!has(last.entry, "path")) {
      return isEnding(ending) ? { steps: [], at: ending, changed: false } : { steps: [], at: scenario.start, changed: true };
    }
    var path = last.entry.path, current = scenario.start, steps = [];
    for (var n = 0; n < path.length; n++) {
      var step = path[n];
      var target = n + 1 < path.length ? path[n + 1].node : ending;
      var node = has(nodes, current) ? nodes[current] : null;
      var choices = node && node.choices ? node.choices : [];
      if (step.node !== current || node === null || !(step.choice >= 1 && step.choice <= choices.length) ||
          choices[step.choice - 1] !== target || !has(nodes, target)) {
        return { steps: steps, at: current, changed: true };
      }
      steps.push({ node: current, choice: step.choice });
      current = target;
    }
    return { steps: steps, at: current, changed: !isEnding(current) };
  }

  function announce(element, name, detail) {
    element.dispatchEvent(new CustomEvent("welcome-course:" + name, { bubbles: true, detail: detail }));
  }

  /* Each chapter on the page: what it holds (for `restored`), how to show a restored state,
   * and how to clear what it shows. */
  var chapters = {};
  function chapterOf(id) {
    if (!has(chapters, id)) {
      chapters[id] = { definition: { id: id, questions: [], scenario: null }, restorers: [], clearers: [] };
    }
    return chapters[id];
  }

  function setupQuiz(quiz) {
    var data = quiz.dataset;
    var chapter = chapterOf(data.chapter);
    var questions = quiz.querySelectorAll(".wc-question");
    var score = quiz.querySelector(".wc-score");
    var results = {};
    var controls = {};

    function showScore() {
      var right = Object.keys(results).filter(function (k) { return results[k]; }).length;
      score.textContent = data.scoreText.replace("{correct}", right).replace("{total}", questions.length);
    }

    questions.forEach(function (question) {
      var id = question.dataset.question;
      var inputs = Array.prototype.slice.call(question.querySelectorAll("input"));
      var optionIds = inputs.map(function (input) { return input.value; });
      var correctIds = question.dataset.correct.split(" ").filter(Boolean);
      var verdict = question.querySelector(".wc-verdict");
      var items = question.querySelectorAll(".wc-option-feedback li");
      var retry = question.querySelector(".wc-retry");
      var outdated = question.querySelector(".wc-outdated");
      chapter.definition.questions.push({ id: id, kind: question.dataset.kind, options: optionIds, correct: correctIds });

      function clear() {
        items.forEach(function (item) { item.hidden = true; });
        verdict.textContent = "";
        question.classList.remove("wc-right", "wc-wrong");
      }

      function show(correct, shown, missingSome) {
        verdict.textContent = correct ? data.correctText
          : data.notQuiteText + (missingSome ? " " + data.missingSomeText : "");
        items.forEach(function (item) { item.hidden = shown.indexOf(item.dataset.option) < 0; });
        question.classList.add(correct ? "wc-right" : "wc-wrong");
        retry.hidden = false;
        results[id] = correct;
        showScore();
      }

      function reset() {
        inputs.forEach(function (input) { input.checked = false; });
        clear();
        retry.hidden = true;
        outdated.hidden = true;
        delete results[id];
      }

      question.querySelector(".wc-check").addEventListener("click", function () {
        var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        clear();
        outdated.hidden = true;
        quiz.querySelector(".wc-clear-done").hidden = true;
        if (!chosen.length) {
          verdict.textContent = data.chooseFirstText;
          return;
        }
        var result = grade(question.dataset.kind, correctIds, optionIds, chosen);
        show(result.correct, result.shown, result.missingSome);
        announce(question, "answered", { chapter: data.chapter, question: id, chosen: chosen, correct: result.correct });
      });

      retry.addEventListener("click", function () {
        reset();
        showScore();
        inputs[0].focus();
      });

      controls[id] = {
        restore: function (answer) {
          inputs.forEach(function (input) { input.checked = answer.chosen.indexOf(input.value) >= 0; });
          clear();
          show(answer.correct, answer.shown, answer.missing_some);
        },
        outdated: function () { outdated.hidden = false; },
        reset: reset
      };
    });

    chapter.restorers.push(function (state) {
      Object.keys(state.answers).forEach(function (id) { if (has(controls, id)) { controls[id].restore(state.answers[id]); } });
      state.outdated.forEach(function (id) { if (has(controls, id)) { controls[id].outdated(); } });
    });
    chapter.clearers.push(function () {
      Object.keys(controls).forEach(function (id) { controls[id].reset(); });
      showScore();
    });
    setupClear(quiz, data.chapter);
  }

  /* "Clear my answers in this chapter": asks first; then the progress script removes the
   * chapter's answers and endings from the record ("clear" event) and every activity of the
   * chapter on this page starts afresh. Reflections stay. */
  function setupClear(quiz, chapterId) {
    var start = quiz.querySelector(".wc-clear-start");
    var confirm = quiz.querySelector(".wc-clear-confirm");
    var done = quiz.querySelector(".wc-clear-done");
    function ask(asking) {
      confirm.hidden = !asking;
      start.hidden = asking;
    }
    start.addEventListener("click", function () {
      done.hidden = true;
      ask(true);
      confirm.querySelector(".wc-clear-no").focus();
    });
    confirm.querySelector(".wc-clear-no").addEventListener("click", function () {
      ask(false);
      start.focus();
    });
    confirm.querySelector(".wc-clear-yes").addEventListener("click", function () {
      announce(quiz, "clear", { chapter: chapterId });
      chapterOf(chapterId).clearers.forEach(function (clear) { clear(); });
      ask(false);
      done.hidden = false;
      start.focus();
    });
  }

  function setupScenario(scenario) {
    var chapter = chapterOf(scenario.dataset.chapter);
    var nodes = {};
    var definition = { start: scenario.dataset.start, nodes: {} };
    scenario.querySelectorAll(".wc-node").forEach(function (node) {
      nodes[node.dataset.node] = node;
      definition.nodes[node.dataset.node] = {
        choices: Array.prototype.map.call(node.querySelectorAll(".wc-choice"), function (b) { return b.dataset.next; }),
        outcome: node.dataset.outcome || null
      };
    });
    chapter.definition.scenario = definition;
    var trail = scenario.querySelector(".wc-trail");
    var steps = scenario.querySelector(".wc-trail-steps");
    var live = scenario.querySelector(".wc-live");
    var changed = scenario.querySelector(".wc-scenario-changed");
    var path = []; /* the choices taken since the start: {node, choice (its number, from 1)} */

    function show(id, focus) {
      Object.keys(nodes).forEach(function (key) { nodes[key].hidden = key !== id; });
      if (focus) { nodes[id].focus(); }
    }

    function restart(focus) {
      steps.textContent = "";
      trail.hidden = true;
      live.textContent = "";
      changed.hidden = true;
      path = [];
      show(scenario.dataset.start, focus);
    }

    /* Take a choice: its label and consequence join the trail and the node it leads to is shown. */
    function take(button, replaying) {
      var node = button.closest(".wc-node").dataset.node;
      var step = document.createElement("li");
      var label = document.createElement("span");
      label.className = "wc-trail-choice";
      label.textContent = button.textContent;
      var consequence = button.parentNode.querySelector(".wc-consequence").cloneNode(true);
      consequence.hidden = false;
      step.appendChild(label);
      step.appendChild(consequence);
      steps.appendChild(step);
      trail.hidden = false;
      path.push({ node: node, choice: Number(button.dataset.choice) });
      var next = nodes[button.dataset.next];
      if (replaying) {
        show(button.dataset.next, false);
        return;
      }
      changed.hidden = true;
      live.textContent = consequence.textContent;
      show(button.dataset.next, true);
      if (next.dataset.outcome) {
        announce(scenario, "ending", {
          chapter: scenario.dataset.chapter, ending: next.dataset.node, outcome: next.dataset.outcome,
          path: path.map(function (s) { return { node: s.node, choice: s.choice }; })
        });
      }
    }

    scenario.querySelectorAll(".wc-choice").forEach(function (button) {
      button.addEventListener("click", function () { take(button, false); });
    });
    scenario.querySelectorAll(".wc-restart").forEach(function (button) {
      button.addEventListener("click", function () { restart(true); });
    });
    restart(false);

    chapter.restorers.push(function (state) {
      if (!state.scenario) { return; }
      restart(false);
      state.scenario.steps.forEach(function (s) {
        take(nodes[s.node].querySelector('.wc-choice[data-choice="' + s.choice + '"]'), true);
      });
      show(state.scenario.at, false);
      changed.hidden = !state.scenario.changed;
    });
    chapter.clearers.push(function () { restart(false); });
  }

  function setupReflections(section) {
    section.querySelectorAll("textarea").forEach(function (area) {
      area.addEventListener("input", function () {
        announce(area, "reflection", {
          chapter: section.dataset.chapter, reflection: area.dataset.reflection, text: area.value
        });
      });
    });
  }

  /* Show again what the record holds for each chapter on the page (called by welcome-course-progress.js). */
  function restore(record) {
    Object.keys(chapters).forEach(function (id) {
      var chapter = chapters[id];
      var state = restored(record, chapter.definition);
      chapter.restorers.forEach(function (show) { show(state); });
    });
  }

  function start() {
    document.querySelectorAll(".wc-noscript").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll(".wc-quiz").forEach(setupQuiz);
    document.querySelectorAll(".wc-scenario").forEach(setupScenario);
    document.querySelectorAll(".wc-reflections").forEach(setupReflections);
  }

  window.welcomeCourse = { grade: grade, restored: restored, restore: restore };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
