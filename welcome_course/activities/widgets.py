"""The live rendering: ipywidgets, for Jupyter, Binder and JupyterHub.

Answers are graded in Python by welcome_course.activities.grading. The HTML widgets show
templates/activities/live/*.html, where Jinja escapes every text from the content files;
labels of buttons, radio buttons and checkboxes are plain text in ipywidgets and are not
parsed as HTML.

With a progress store, a quiz and a scenario show again what the learner did (after a kernel
restart and a re-run, or in a new session), by the rules of progress/restore.py; the quiz's
"clear my answers" removes the chapter's answers and endings after asking.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import ipywidgets as w

from ..content.course import Course
from ..content.model import Chapter, Question
from ..templating import Markup
from .grading import AnswerError, Result, grade
from .static_html import render_activity

# Long labels must wrap instead of being cut off with an ellipsis.
STYLE_SHEET = Path(__file__).parents[1] / "static" / "welcome-course-live.css"


@cache
def _style_sheet() -> Markup:
    # Markup: the package's own style sheet, no text from content files in it
    return Markup(STYLE_SHEET.read_text(encoding="utf-8"))


def _live(name: str, course: Course, /, **context) -> str:
    """The template activities/live/NAME.html."""
    return render_activity(f"live/{name}", course, css=_style_sheet(), **context)


def _paragraph(course: Course, text: str) -> w.HTML:
    return w.HTML(_live("paragraph", course, text=text))


class QuestionWidget:
    """One question: its options, a check button, a try-again button and feedback."""

    def __init__(self, course: Course, question: Question, number: int, total: int, on_result: Callable):
        self.course = course
        self.question = question
        self.on_result = on_result
        ui = course.interface
        self.prompt = w.HTML(_live("prompt", course, number=number, total=total, prompt=question.prompt))
        hint = ui["choose_all" if question.kind == "multiple_choice" else "choose_one"]
        labels = [(self._label(o), o.id) for o in question.options]
        if question.kind == "multiple_choice":
            self.boxes = [
                w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="100%"))
                for label, _ in labels
            ]
            self.selector = w.VBox(self.boxes)
        else:
            self.boxes = []
            self.selector = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="100%"))
        self.check_button = w.Button(description=ui["check"], button_style="primary")
        self.retry_button = w.Button(description=ui["try_again"], layout=w.Layout(display="none"))
        self.feedback = w.HTML("")
        self.outdated = w.HTML("")  # the saved answer no longer fits the question
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.box = w.VBox(
            [
                self.prompt,
                _paragraph(course, hint),
                self.outdated,
                self.selector,
                w.HBox([self.check_button, self.retry_button]),
                self.feedback,
            ]
        )
        self.box.add_class("wc-live")

    def _label(self, option) -> str:
        return self.course.interface[option.id] if self.question.kind == "true_false" else option.text

    def chosen(self) -> list[str]:
        if self.boxes:
            return [o.id for o, box in zip(self.question.options, self.boxes, strict=True) if box.value]
        return [] if self.selector.value is None else [self.selector.value]

    def check(self) -> Result | None:
        self.outdated.value = ""
        try:
            result = grade(self.question, self.chosen())
        except AnswerError:
            self.feedback.value = _live("notice", self.course, text=self.course.interface["choose_first"])
            return None
        self._show(result)
        self.on_result(self.question.id, result)
        return result

    def _show(self, result: Result) -> None:
        ui = self.course.interface
        verdict = ui["correct"] if result.correct else ui["not_quite"]
        if result.missing_some:
            verdict += " " + ui["missing_some"]
        items = [
            (self._label(self.question.option(oid)), self.question.option(oid).feedback)
            for oid in result.shown_feedback
        ]
        mark = "\u2713" if result.correct else "\u2717"
        self.feedback.value = _live("feedback", self.course, mark=mark, verdict=verdict, items=items)
        self.retry_button.layout.display = None

    def restore(self, chosen: list[str]) -> Result:
        """Show a saved answer (one that fits: see progress/restore.py) as if just checked, without saving it again."""
        # no boxes for a single-choice or true/false question (a radio group): nothing to tick
        for option, box in zip(self.question.options, self.boxes, strict=False):
            box.value = option.id in chosen
        if not self.boxes:
            self.selector.value = chosen[0]
        result = grade(self.question, chosen)
        self._show(result)
        return result

    def show_outdated(self) -> None:
        self.outdated.value = _live("notice", self.course, text=self.course.interface["answer_outdated"])

    def reset(self) -> None:
        """Back to unanswered, recording nothing."""
        for box in self.boxes:
            box.value = False
        if not self.boxes:
            self.selector.value = None
        self.feedback.value = ""
        self.outdated.value = ""
        self.retry_button.layout.display = "none"

    def retry(self) -> None:
        self.reset()
        self.on_result(self.question.id, None)


class QuizWidget:
    """A chapter's quiz with its running score; answers are recorded in the learner's progress."""

    def __init__(self, course: Course, chapter: Chapter, progress=None):
        self.course = course
        self.chapter = chapter
        self.progress = progress
        self.notice = w.HTML()
        self.results: dict[str, Result] = {}
        total = len(chapter.questions)
        self.questions = [
            QuestionWidget(course, q, n, total, self._record) for n, q in enumerate(chapter.questions, start=1)
        ]
        self.score = w.HTML()
        ui = course.interface
        self.clear_button = w.Button(description=ui["clear_answers"], layout=w.Layout(width="auto"))
        self.clear_yes = w.Button(
            description=ui["clear_answers_yes"], button_style="warning", layout=w.Layout(width="auto")
        )
        self.clear_no = w.Button(description=ui["clear_answers_no"], layout=w.Layout(width="auto"))
        self.clear_confirm = w.VBox(
            [_paragraph(course, ui["clear_answers_confirm"]), w.HBox([self.clear_yes, self.clear_no])],
            layout=w.Layout(display="none"),
        )
        self.clear_status = w.HTML()
        self.clear_button.on_click(lambda _: self.ask_to_clear())
        self.clear_yes.on_click(lambda _: self.clear())
        self.clear_no.on_click(lambda _: self._asking(False))
        if progress is not None:
            self._restore(progress.restored(chapter))
            self.notice.value = progress.notices()
            progress.on_clear(chapter.id, self.reset)
        self._show_score()
        self.box = w.VBox(
            [w.HTML(_live("style", course)), self.notice]
            + [q.box for q in self.questions]
            + [self.score, self.clear_button, self.clear_confirm, self.clear_status]
        )

    def _restore(self, state: dict) -> None:
        for question in self.questions:
            answer = state["answers"].get(question.question.id)
            if answer is not None:
                self.results[question.question.id] = question.restore(answer["chosen"])
            elif question.question.id in state["outdated"]:
                question.show_outdated()

    def ask_to_clear(self) -> None:
        self.clear_status.value = ""
        self._asking(True)

    def _asking(self, asking: bool) -> None:
        self.clear_confirm.layout.display = None if asking else "none"
        self.clear_button.layout.display = "none" if asking else None

    def clear(self) -> None:
        """The learner confirmed: remove the chapter's answers and endings from the progress file, and
        start this quiz and the chapter's scenario afresh. Reflections stay."""
        self._asking(False)
        if self.progress is None:
            self.reset()
            notice = ""
        else:
            notice = self.progress.clear(self.chapter.id)  # resets this quiz too (on_clear)
        self.clear_status.value = notice or _live(
            "notice", self.course, text=self.course.interface["clear_answers_done"]
        )

    def reset(self) -> None:
        for question in self.questions:
            question.reset()
        self.results.clear()
        self._show_score()

    def question(self, question_id: str) -> QuestionWidget:
        return next(q for q in self.questions if q.question.id == question_id)

    def _record(self, question_id: str, result: Result | None) -> None:
        self.clear_status.value = ""
        if result is None:
            self.results.pop(question_id, None)
        else:
            self.results[question_id] = result
            if self.progress is not None:
                self.notice.value = self.progress.record(
                    {
                        "type": "answer",
                        "chapter": self.chapter.id,
                        "question": question_id,
                        "chosen": sorted(result.chosen),
                        "correct": result.correct,
                    }
                )
        self._show_score()

    def _show_score(self) -> None:
        right = sum(r.correct for r in self.results.values())
        text = self.course.interface["score"].format(correct=right, total=len(self.questions))
        self.score.value = _live("notice", self.course, text=text)


class ScenarioWidget:
    """A branching case scenario: the current situation, its choices, the path so far."""

    def __init__(self, course: Course, chapter: Chapter, progress=None):
        self.course = course
        self.chapter = chapter
        self.scenario = chapter.scenario
        self.progress = progress
        self.notice = w.HTML()
        ui = course.interface
        header = _live("scenario_header", course, scenario=self.scenario)
        self.trail = w.HTML()
        self.situation = w.HTML()
        self.choices = w.VBox()
        self.restart_button = w.Button(description=ui["start_again"])
        self.restart_button.on_click(lambda _: self.restart())
        self.box = w.VBox([w.HTML(header), self.trail, self.situation, self.choices, self.restart_button, self.notice])
        self.box.add_class("wc-live")
        self.restart()
        if progress is not None:
            self._restore(progress.restored(chapter)["scenario"])
            self.notice.value = progress.notices() + self.notice.value  # a file set aside, then a changed path
            progress.on_clear(chapter.id, self.restart)

    def _restore(self, state: dict | None) -> None:
        """The path to the ending reached last, as far as it still fits (progress/restore.py)."""
        if state is None:
            return
        self.path = [(step["node"], step["choice"] - 1) for step in state["steps"]]
        self.current = state["at"]
        self._show()
        if state["changed"]:
            self.notice.value = _live("notice", self.course, text=self.course.interface["scenario_changed"])

    @property
    def node(self):
        return self.scenario.nodes[self.current]

    def restart(self) -> None:
        self.current = self.scenario.start
        self.path: list[tuple[str, int]] = []  # (node, index of the choice taken there, from 0)
        self.notice.value = ""
        self._show()

    def choose(self, index: int) -> None:
        """Take the choice at this position (0-based) of the current node."""
        choice = self.node.choices[index]
        self.path.append((self.current, index))
        self.current = choice.next
        self.notice.value = ""
        if self.node.is_ending and self.progress is not None:
            self.notice.value = self.progress.record(
                {
                    "type": "ending",
                    "chapter": self.chapter.id,
                    "ending": self.current,
                    "outcome": self.node.outcome,
                    "path": [{"node": node, "choice": i + 1} for node, i in self.path],
                }
            )
        self._show()

    def _show(self) -> None:
        path = [self.scenario.nodes[n].choices[i] for n, i in self.path]
        self.trail.value = _live("trail", self.course, path=path)
        node = self.node
        if node.is_ending:
            self.situation.value = _live("ending", self.course, node=node)
            self.choices.children = ()
            self.restart_button.layout.display = None
            return
        self.situation.value = _live("paragraph", self.course, text=node.text)
        buttons = []
        for index, choice in enumerate(node.choices):
            button = w.Button(description=choice.label, layout=w.Layout(width="100%", height="auto"))
            button.add_class("wc-choice")
            button.on_click(lambda _, i=index: self.choose(i))
            buttons.append(button)
        self.choices.children = tuple(buttons)
        self.restart_button.layout.display = "none" if not self.path else None


class ReflectionsWidget:
    """Text areas for the chapter's reflection prompts, kept in the learner's progress."""

    def __init__(self, course: Course, chapter: Chapter, progress=None):
        self.chapter = chapter
        self.progress = progress
        self.notice = w.HTML()
        placeholder = course.interface["reflection_placeholder"]
        saved = progress.saved_reflections(chapter.id) if progress is not None else {}
        # continuous_update=False: the text is saved when the learner leaves the box, not at every key
        self.areas = {
            r.id: w.Textarea(
                value=saved.get(r.id, ""),
                placeholder=placeholder,
                continuous_update=False,
                layout=w.Layout(width="100%", height="6em"),
            )
            for r in chapter.reflections
        }
        rows = []
        for reflection in chapter.reflections:
            area = self.areas[reflection.id]
            area.observe(lambda change, rid=reflection.id: self._save(rid, change["new"]), names="value")
            rows += [_paragraph(course, reflection.prompt), area]
        self.box = w.VBox([*rows, self.notice])

    def _save(self, reflection_id: str, text: str) -> None:
        if self.progress is not None:
            self.notice.value = self.progress.record(
                {"type": "reflection", "chapter": self.chapter.id, "reflection": reflection_id, "text": text}
            )
