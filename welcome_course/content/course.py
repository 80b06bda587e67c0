"""Finding and loading the whole course: interface strings, course facts, chapters."""

from __future__ import annotations

import hashlib
import os
import string
from dataclasses import dataclass, replace
from pathlib import Path

from . import translation
from .chapter_file import parse_chapter
from .fields import Block, is_web_address
from .model import Chapter
from .problems import ContentError, Problem, display_path
from .translation import SOURCE_LANGUAGE
from .yaml_reader import read_yaml

ROOT_ENV = "WELCOME_COURSE_ROOT"
# "static": activities render as HTML only, no live widgets (set for the book's kernels)
RENDER_ENV = "WELCOME_COURSE_RENDER"

# Every interface string, with the placeholders it must contain. Keeping the
# list here means a translation that forgets one is caught when loading.
INTERFACE_KEYS: dict[str, tuple[str, ...]] = {
    "quiz_label": (),
    "choose_one": (),
    "choose_all": (),
    "check": (),
    "try_again": (),
    "correct": (),
    "not_quite": (),
    "choose_first": (),
    "score": ("correct", "total"),
    "true": (),
    "false": (),
    "missing_some": (),
    "answer_outdated": (),
    "scenario_changed": (),
    "clear_answers": (),
    "clear_answers_confirm": (),
    "clear_answers_yes": (),
    "clear_answers_no": (),
    "clear_answers_done": (),
    "scenario_label": (),
    "what_happens": (),
    "start_again": (),
    "your_path": (),
    "debrief": (),
    "outcome_good": (),
    "outcome_mixed": (),
    "outcome_difficult": (),
    "needs_javascript": (),
    "languages_label": (),  # names the links to a page's other languages (only when several are published)
    "search_placeholder": (),  # the words in the book's search box, before one types
    "label_value": ("label", "value"),  # a label and its value in charts and their descriptions
    "before_run_first": (),
    "before_run": (),
    # a notebook opened without the course (authoring/standalone.py)
    "standalone_note": (),
    "standalone_missing": (),
    "standalone_install": ("course", "command"),
    "standalone_unpublished": ("course",),
    "reflections_label": (),
    "reflection_placeholder": (),
    "minutes": ("minutes",),
    "goals_heading": (),
    "source_guideline": ("step", "guideline"),
    "source_partial": ("step", "guideline"),
    "source_course": ("guideline",),
    "source_extra": ("guideline",),
    "resources_credit": ("guideline", "project", "programme"),
    "storage_unavailable": (),
    "progress_chapter": (),
    "progress_done": (),
    "progress_quiz": (),
    "progress_scenario": (),
    "progress_reflections": (),
    "progress_quiz_value": ("right", "total"),
    "progress_reflections_value": ("written", "total"),
    "progress_none": (),
    "progress_overall": ("percent",),
    "progress_chart_title": (),
    "journal_heading": (),
    "journal_empty": (),
    "portfolio_title": ("course",),
    "export_portfolio": (),
    "export_data": (),
    "import_data": (),
    "import_done": (),
    "import_failed": ("reason",),
    "saved_to": ("path",),
    "file_set_aside": ("path", "reason", "aside"),
    "save_failed": ("path", "reason"),
    # the self-assessment, the action plan and the certificate (progress/self_assessment.py,
    # action_plan.py, certificate.py)
    "self_assessment_label": (),
    "self_moment_before": (),
    "self_moment_after": (),
    "self_rating_1": (),
    "self_rating_2": (),
    "self_rating_3": (),
    "self_rating_4": (),
    "self_rating_5": (),
    "self_rated_before": ("rating",),
    "self_no_before": (),
    "self_results_heading": (),
    "self_column_statement": (),
    "self_column_before": (),
    "self_column_after": (),
    "self_column_change": (),
    "self_not_rated": (),
    "plan_label": (),
    "plan_from_chapters": (),
    "plan_placeholder": (),
    "plan_empty": (),
    "certificate_heading": (),
    "certificate_missing_intro": (),
    "certificate_missing_quiz": ("count", "total"),
    "certificate_missing_ending": (),
    "certificate_ready": (),
    "certificate_name_label": (),
    "certificate_name_needed": (),
    "certificate_print": (),
    "certificate_download": (),
    "certificate_save": (),
    "certificate_certifies": (),
    "certificate_completed": ("course",),
    "certificate_follows": ("guideline", "project", "programme"),
    "certificate_column_chapter": (),
    "certificate_column_hours": (),
    "certificate_hours": ("hours", "minutes"),
    "certificate_total": (),
    "certificate_date": ("date",),
    "certificate_code": ("code",),
    "certificate_check": (),
    "cohort_section_self_assessment": (),
    "cohort_no_ratings": (),
    "cohort_column_statement": (),
    "cohort_column_rated_both": (),
    "cohort_column_mean_before": (),
    "cohort_column_mean_after": (),
    "cohort_column_change": (),
    # printed worksheets and answer keys (export/worksheets.py)
    "worksheet_heading": (),
    "worksheet_answer_key": (),
    "worksheet_answer_key_note": (),
    "worksheet_name": (),
    "worksheet_date": (),
    "worksheet_tick": (),
    "worksheet_how_to_play": (),
    "worksheet_section": ("number",),
    "worksheet_decision": (),
    "worksheet_why": (),
    "worksheet_read": ("code",),
    "worksheet_what_happens": (),
    "worksheet_go_to": ("number",),
    "worksheet_ending_talk": (),
    "worksheet_further_reading": (),
    "worksheet_right": (),
    "worksheet_not_right": (),
    "worksheet_answer": (),
    "worksheet_story_map": (),
    "worksheet_leads_to": ("number",),
    "worksheet_paths": (),
    "worksheet_no_single_answer": (),
    "print_worksheets": (),  # under a scenario, in print only (static/welcome-course-print.css)
    # the data chapter (figures/static_html.py, figures/chapter.py, figures/widgets.py)
    "figures_source": (),
    "figures_sources": (),
    "figures_years": ("years",),
    "figures_publisher_page": (),
    "figures_source_one": ("count", "years"),
    "figures_source_many": ("count", "years"),
    "figures_in_this_chart": (),
    "figures_and": ("first", "second"),
    "figures_citizenship_title": ("indicator",),
    "figures_citizenship_alt": ("indicator", "figures"),
    "figures_citizenship_line": ("target",),
    "figures_trend_title": ("indicator", "first", "last"),
    "figures_trend_eu27": (),
    "figures_trend_eu2010": (),
    "figures_trend_alt": ("indicator", "figures"),
    "figures_trend_eu27_year": ("year",),
    "figures_trend_eu2010_year": ("year",),
    "figures_trend_gap": ("first", "last"),
    "figures_trend_lines": ("targets",),
    "figures_countries_title": ("indicator",),
    "figures_countries_line": ("value",),
    "figures_countries_everyone": (),
    "figures_countries_alt": ("indicator", "figures"),
    "figures_countries_note": (),
    "figures_explorer_label": (),
    "figures_explorer_plain": ("count",),
    "figures_explorer_alt": ("indicator", "figures"),
    "figures_explorer_lines": ("targets",),
    "figures_what": (),
    "figures_group": (),
    "figures_geo": (),
    "figures_year": (),
    "figures_value": (),
    "figures_source_column": (),
    "figures_every_indicator": (),
    "figures_every_group": (),
    "figures_every_geo": (),
    "figures_count": ("shown", "total"),
    "figures_none_match": (),
    "figures_table_caption": (),
    "figures_chart_hint": (),
    "figures_own_label": (),
    "figures_own_plain": (),
    "figures_own_needs_js": (),
    "figures_own_textarea": (),
    "figures_own_check": (),
    "figures_own_reset": (),
    "figures_own_problems": (),
    "figures_own_done": ("count",),
    "figures_own_drawn": ("count",),
    "figures_own_title": (),
    "figures_own_axis": (),
    "figures_own_eu_label": ("group",),
    "figures_own_caption": ("citation",),
    "figures_own_note": (),
    "figures_own_bars_alt": ("figures",),
    "figures_own_trend_title": (),
    "figures_own_trend_alt": ("figures",),
    # the cohort report (progress/cohort.py)
    "cohort_title": ("course",),
    "cohort_section_files": (),
    "cohort_section_completion": (),
    "cohort_section_questions": (),
    "cohort_section_wrong_options": (),
    "cohort_section_endings": (),
    "cohort_read": ("count",),
    "cohort_skipped": ("count",),
    "cohort_no_learners": (),
    "cohort_no_answers": (),
    "cohort_completion_title": (),
    "cohort_completion_axis": (),
    "cohort_completion_alt": ("bars",),
    "cohort_completion_caption": ("count",),
    "cohort_questions_title": (),
    "cohort_questions_axis": (),
    "cohort_questions_alt": ("bars",),
    "cohort_questions_bar": ("question", "count"),
    "cohort_questions_rule": ("minimum",),
    "cohort_questions_none": ("minimum",),
    "cohort_chart_chapter": ("step", "title"),
    "cohort_regraded": (),
    "cohort_regraded_changed": ("count",),
    "cohort_not_counted": ("count",),
    "cohort_not_counted_question": ("learner", "question"),
    "cohort_not_counted_option": ("learner", "question"),
    "cohort_not_counted_one_option": ("learner", "question"),
    "cohort_not_counted_ending": ("learner", "ending"),
    "cohort_reason_not_json_name": (),
    "cohort_reason_not_text": (),
    "cohort_reason_unreadable": (),
    "cohort_reason_cut_short": (),
    "cohort_reason_other_file": (),
    "cohort_reason_newer": (),
    "cohort_reason_damaged": (),
    "cohort_summary_skipped": ("count",),
    "cohort_summary_not_counted": ("count",),
    "cohort_saved_report": ("path",),
    "cohort_saved_csv": ("path",),
    "cohort_column_learner": (),
    "cohort_column_step": ("step",),
    "cohort_column_chapter": (),
    "cohort_column_question": (),
    "cohort_column_answered_by": (),
    "cohort_column_right_first": (),
    "cohort_column_right_in_the_end": (),
    "cohort_column_wrong_option": (),
    "cohort_column_chose_it": (),
    "cohort_column_ending": (),
    "cohort_column_outcome": (),
    "cohort_column_reached_it": (),
}

COURSE_FIELDS = ("title", "guideline")
GUIDELINE_FIELDS = ("title", "project", "programme", "url", "step_url")


@dataclass(frozen=True)
class Guideline:
    title: str
    project: str
    programme: str
    url: str
    step_url: str

    def step_address(self, step: int) -> str:
        return self.step_url.replace("{step}", str(step))


@dataclass(frozen=True)
class Course:
    root: Path
    title: str
    guideline: Guideline
    interface: dict[str, str]
    chapters: dict[str, Chapter]
    language: str = SOURCE_LANGUAGE  # the language its texts were read in (content/translation.py)

    def chapter(self, chapter_id: str) -> Chapter:
        try:
            return self.chapters[chapter_id]
        except KeyError:
            known = ", ".join(self.chapters) or "none"
            raise ContentError(
                [Problem(f"data/chapters/{chapter_id}.yml", "", "", f"no such chapter file; chapters found: {known}")]
            ) from None


def find_root(start: Path | None = None) -> Path:
    """The course folder: $WELCOME_COURSE_ROOT, else the nearest folder upwards holding data/course.yml."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "course.yml").is_file():
            return folder
    package_parent = Path(__file__).resolve().parents[2]
    if (package_parent / "data" / "course.yml").is_file():
        return package_parent
    raise ContentError(
        [
            Problem(
                "data/course.yml",
                "",
                "",
                f"not found in {here} or any folder above it; run from inside the course folder or set {ROOT_ENV}",
            )
        ]
    )


# Courses already read in this process, by folder, language and the bytes of the files read: the
# book's build reads the course once per notebook page and once more for the checks, and a Course
# is immutable, so a file that has not changed is not read twice. A failed read is never kept.
_LOADED: dict[tuple, Course] = {}


def _files_state(root: Path) -> tuple:
    """Every file load_course reads (and the translations), with a digest of its bytes (a time of
    change can stay the same over two quick edits; reading the bytes costs far less than parsing)."""
    data = root / "data"
    paths = [data / "interface.yml", data / "course.yml", *sorted((data / "chapters").glob("*.yml"))]
    locales = data / "locales"
    if locales.is_dir():
        paths += sorted(locales.rglob("*.po"))
    state = []
    for path in paths:
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        except OSError:
            digest = None
        state.append((str(path), digest))
    return tuple(state)


def load_course(root: Path | None = None, language: str | None = None) -> Course:
    """Read and check every content file; raise ContentError listing every problem.

    `language`: the language of the texts (None: $WELCOME_COURSE_LANGUAGE, else English); a text
    without a usable translation in data/locales/LANGUAGE/ stays English (content/translation.py)."""
    root = find_root() if root is None else Path(root).resolve()
    if translation.is_recording():  # the catalogues' extraction: every text must be read again
        return _read_course(root, language)
    key = (root, translation.resolve_language(language), _files_state(root))
    if key in _LOADED:
        return _LOADED[key]
    course = _read_course(root, language)
    _LOADED.clear()  # one course at a time: the latest state of the files
    _LOADED[key] = course
    return course


def _read_course(root: Path, language: str | None) -> Course:
    problems: list[Problem] = []
    with translation.using(root, language) as language:
        interface = read_interface(root, problems)
        title, guideline = _load_course_facts(root, problems)
        chapters: dict[str, Chapter] = {}
        for path in sorted((root / "data" / "chapters").glob("*.yml")):
            shown = display_path(path, root)
            try:
                raw = read_yaml(path, shown)
            except ContentError as err:
                problems.extend(err.problems)
                continue
            chapter, found = parse_chapter(raw, shown, path.stem)
            problems.extend(found)
            if chapter is not None:
                chapters[path.stem] = chapter
    if problems:
        raise ContentError(problems)
    return Course(
        root=root, title=title, guideline=guideline, interface=interface, chapters=chapters, language=language
    )


def read_interface(root: Path, problems: list[Problem]) -> dict[str, str]:
    """The interface strings of data/interface.yml, checked; every problem found is added to
    `problems` (load_course and figures.load_figures raise them with their own)."""
    path = root / "data" / "interface.yml"
    shown = display_path(path, root)
    try:
        raw = read_yaml(path, shown)
    except ContentError as err:
        problems.extend(err.problems)
        return {}
    block = Block(raw, shown, "interface strings", problems)
    block.known_fields(*INTERFACE_KEYS)
    strings = {}
    for key, placeholders in INTERFACE_KEYS.items():
        value = block.text(key)
        try:
            fields = [
                (name, spec, conversion)
                for _, name, spec, conversion in string.Formatter().parse(value)
                if name is not None
            ]
        except ValueError:
            block.report(
                key,
                "has a { or } without its partner; braces only mark the words the course fills in, such as {number}",
            )
            strings[key] = value
            continue
        odd = [
            "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            for name, spec, conversion in fields
            if not name.isidentifier() or spec or conversion
        ]
        if odd:
            # '{minutes:>99999999999}' would fill memory, '{x.y}' or '{x[0]}' read inside the value
            shown = ", ".join(f"'{placeholder}'" for placeholder in odd)
            block.report(
                key,
                f"{shown}: a placeholder is a plain name in braces, such as {{number}}, with nothing "
                "else inside the braces (no ':', '!', '.' or '[')",
            )
            strings[key] = value
            continue
        used = {name for name, _, _ in fields}
        missing = set(placeholders) - used
        unknown = used - set(placeholders)
        if missing:
            block.report(key, f"must contain {', '.join('{' + m + '}' for m in sorted(missing))}")
        if unknown:
            allowed = ", ".join("{" + p + "}" for p in placeholders) or "none"
            block.report(
                key,
                f"uses unknown placeholder(s) {', '.join('{' + u + '}' for u in sorted(unknown))}; allowed: {allowed}",
            )
        strings[key] = value
    return strings


def _load_course_facts(root: Path, problems: list[Problem]) -> tuple[str, Guideline]:
    path = root / "data" / "course.yml"
    shown = display_path(path, root)
    empty = Guideline("", "", "", "", "")
    try:
        raw = read_yaml(path, shown)
    except ContentError as err:
        problems.extend(err.problems)
        return "", empty
    block = Block(raw, shown, "course", problems)
    block.known_fields(*COURSE_FIELDS)
    guide = block.child(block.mapping("guideline"), item="guideline")
    guide.known_fields(*GUIDELINE_FIELDS)
    guideline = Guideline(*(guide.text(name) for name in GUIDELINE_FIELDS))
    for name in ("url", "step_url"):  # both become links in every chapter's credit line
        address = getattr(guideline, name).replace("{step}", "1")
        if address and not is_web_address(address):
            guide.report(
                name,
                f"'{getattr(guideline, name)}' is not a web address; expected one starting with https:// or http://",
            )
            guideline = replace(guideline, **{name: ""})
    if guideline.step_url and "{step}" not in guideline.step_url:
        guide.report("step_url", "must contain {step}, where the step number goes")
    return block.text("title"), guideline
