"""The course's Sphinx extension (welcome_course/site/extension.py), in the parts that need no build:
which content files each notebook page depends on, so that a rebuild after an edit re-runs only the
pages that show it. The build itself is tested in test_book.py."""

from __future__ import annotations

from support import ROOT
from welcome_course.site.extension import content_dependencies


def test_editing_one_chapter_reruns_only_the_pages_that_show_it():
    """Speed of a rebuild: a chapter's page depends on its own content file and the shared ones;
    the pages that show every chapter (My progress, the cohort report) depend on all of them."""
    data = ROOT / "data"
    step_one = content_dependencies(ROOT, "book/step-01")
    assert data / "chapters" / "step-01.yml" in step_one and data / "course.yml" in step_one
    assert data / "interface.yml" in step_one and data / "chapters" / "step-02.yml" not in step_one
    assert data / "chapters" / "step-02.yml" in content_dependencies(ROOT, "book/my-progress")
