/* The static rendering's behaviour: quizzes, case scenarios and reflections
 * in the hosted book, where no Python kernel runs.
 *
 * This script never turns text into markup. Every piece of text was escaped
 * in Python (welcome_course/activities/static_html.py); here elements are only shown,
 * hidden, copied (cloneNode) or given text with textContent.
 */
(function () {
  "use strict";

  /* Grading: the same rules as welcome_course/activities/grading.py (tests/cases/grading.json
   * runs both on the same answers; the browser tests check both agree on every question
   * of the course). */
  function grade(kind, correctIds, optionIds, chosenIds) {
    var chosen = chosenIds.filter(function (id, i) { return chosenIds.indexOf(id) === i; }).sort();
    var correct = correctIds.slice().sort();
    var right = chosen.length === correct.length && chosen.every(function (id, i) { return id === correct[i]; });
    return {
      correct: right,
      shown: optionIds.filter(function (id) { return right || chosen.indexOf(id) >= 0; }),
      missingSome: kind === "multiple_choice" && !right &&
        correct.some(function (id) { return chosen.indexOf(id) < 0; })
    };
  }

  function announce(element, name, detail) {
    element.dispatchEvent(new CustomEvent("welcome-course:" + name, { bubbles: true, detail: detail }));
  }

  function setupQuiz(quiz) {
    var data = quiz.dataset;
    var questions = quiz.querySelectorAll(".wc-question");
    var score = quiz.querySelector(".wc-score");
    var results = {};

    function showScore() {
      var right = Object.keys(results).filter(function (k) { return results[k]; }).length;
      score.textContent = data.scoreText.replace("{correct}", right).replace("{total}", questions.length);
    }

    questions.forEach(function (question) {
      var inputs = Array.prototype.slice.call(question.querySelectorAll("input"));
      var optionIds = inputs.map(function (input) { return input.value; });
      var correctIds = question.dataset.correct.split(" ").filter(Boolean);
      var verdict = question.querySelector(".wc-verdict");
      var items = question.querySelectorAll(".wc-option-feedback li");
      var retry = question.querySelector(".wc-retry");

      function clear() {
        items.forEach(function (item) { item.hidden = true; });
        verdict.textContent = "";
        question.classList.remove("wc-right", "wc-wrong");
      }

      question.querySelector(".wc-check").addEventListener("click", function () {
        var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        clear();
        if (!chosen.length) {
          verdict.textContent = data.chooseFirstText;
          return;
        }
        var result = grade(question.dataset.kind, correctIds, optionIds, chosen);
        verdict.textContent = result.correct ? data.correctText
          : data.notQuiteText + (result.missingSome ? " " + data.missingSomeText : "");
        items.forEach(function (item) { item.hidden = result.shown.indexOf(item.dataset.option) < 0; });
        question.classList.add(result.correct ? "wc-right" : "wc-wrong");
        retry.hidden = false;
        results[question.dataset.question] = result.correct;
        showScore();
        announce(question, "answered", {
          chapter: data.chapter, question: question.dataset.question, chosen: chosen, correct: result.correct
        });
      });

      retry.addEventListener("click", function () {
        inputs.forEach(function (input) { input.checked = false; });
        clear();
        retry.hidden = true;
        delete results[question.dataset.question];
        showScore();
        inputs[0].focus();
      });
    });
  }

  function setupScenario(scenario) {
    var nodes = {};
    scenario.querySelectorAll(".wc-node").forEach(function (node) { nodes[node.dataset.node] = node; });
    var trail = scenario.querySelector(".wc-trail");
    var steps = scenario.querySelector(".wc-trail-steps");
    var live = scenario.querySelector(".wc-live");

    function show(id, focus) {
      Object.keys(nodes).forEach(function (key) { nodes[key].hidden = key !== id; });
      if (focus) { nodes[id].focus(); }
    }

    function restart(focus) {
      steps.textContent = "";
      trail.hidden = true;
      live.textContent = "";
      show(scenario.dataset.start, focus);
    }

    scenario.querySelectorAll(".wc-choice").forEach(function (button) {
      button.addEventListener("click", function () {
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
        live.textContent = consequence.textContent;
        var next = nodes[button.dataset.next];
        show(button.dataset.next, true);
        if (next.dataset.outcome) {
          announce(scenario, "ending", {
            chapter: scenario.dataset.chapter, ending: next.dataset.node, outcome: next.dataset.outcome
          });
        }
      });
    });
    scenario.querySelectorAll(".wc-restart").forEach(function (button) {
      button.addEventListener("click", function () { restart(true); });
    });
    restart(false);
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

  function start() {
    document.querySelectorAll(".wc-noscript").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll(".wc-quiz").forEach(setupQuiz);
    document.querySelectorAll(".wc-scenario").forEach(setupScenario);
    document.querySelectorAll(".wc-reflections").forEach(setupReflections);
  }

  window.welcomeCourse = { grade: grade };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
