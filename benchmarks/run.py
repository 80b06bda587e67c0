"""Benchmarks of the course: build, tests, page weight, quiz response, Lighthouse, environment.

Run with `make benchmark` (or `python benchmarks/run.py --help`). Every run prints its
figures, writes them all to benchmarks/results/<date-time>.json (not kept in git) and
rewrites benchmarks/latest.md, the short summary that is kept in git, beside the previous
run's figures so that two runs can be compared.

What is measured, on a copy of the course (the working tree is never touched):
- clean build (`python -m welcome_course build`, as `make book`): total time, time per page,
  and the execution time of each notebook, which the build log reports; and the same clean
  build with the notebooks' stored outputs instead of running them;
- rebuild after one question file changed (data/chapters/step-01.yml);
- the full test suite (`python -m pytest -q`, in the working tree, as `make test`);
- for each chapter page, the bytes transferred on a cold load, by kind (Chromium);
- the time a quiz takes to answer a click made at the page's load event (Chromium);
- Lighthouse's mobile scores for one chapter page (npm's lighthouse, benchmarks/package.json);
- the size of the environment that requirements.txt installs (what Binder builds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import yaml

from welcome_course.site.serving import book_server

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
RESULTS = HERE / "results"
LATEST = HERE / "latest.md"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
COPY_IGNORE = shutil.ignore_patterns("_build", ".venv", ".venv-lab", ".git", "*.egg-info", "__pycache__", ".pytest_cache",
                                     ".ipynb_checkpoints", "node_modules", "results")
LIGHTHOUSE_PAGE = "book/step-01.html"
BUILD_RUNS = 2  # the quicker of two builds: other work on the machine only ever slows one down
LIGHTHOUSE_RUNS = 3  # its simulated timings vary by a few points from run to run
QUIZ_PAGE = "book/step-01.html"
STEPS = ["build", "build-without-execution", "rebuild", "pages", "quiz", "lighthouse", "environment", "tests"]
TARGETS = {  # what issue 7 asks for
    "chapter page, cold load": "< 600 KB",
    "Lighthouse mobile performance": ">= 95",
    "Lighthouse mobile accessibility": "100",
    "quiz answers a click at load within": "< 100 ms",
    "clean build per page, notebooks not executed": "< 0.10 s",
    "full test suite": "< 5 min",
}


def say(message: str) -> None:
    print(message, flush=True)


class Site:
    """The built book served on 127.0.0.1: as `python -m http.server` does (no compression), or,
    with compress=True, gzip-compressing text as static hosts (GitHub Pages, Netlify, ...) and
    `make serve` do."""

    def __init__(self, folder: Path, compress: bool = False):
        self.server = book_server(folder, compress=compress, quiet=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def course_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("WELCOME_COURSE_")}


def build(root: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "welcome_course", "build"], cwd=root, env=course_env(),
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"The build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


def notebook_times(log: str) -> dict[str, float]:
    """Execution time per notebook, as myst-nb reports it in the build log."""
    found = re.findall(r"([\w./-]+\.ipynb): Executed notebook in ([\d.]+) seconds", re.sub(r"\x1b\[[0-9;]*m", "", log))
    return {Path(path).name: float(seconds) for path, seconds in found}


def pages_of(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if not p.relative_to(html).as_posix().startswith(("_static/", "_sources/")))


def measure_build(work: Path, results: dict) -> Path:
    root = work / "course"
    shutil.copytree(ROOT, root, ignore=COPY_IGNORE)
    say("  clean build (every notebook executed) …")
    seconds, log = build(root)
    html = root / "_build" / "html"
    pages = len([p for p in pages_of(html) if p.parent.name == "book"])  # the book's own pages
    notebooks = notebook_times(log)
    # the notebooks run several at a time (one per core), so their own times add up to more
    # than the build spends on them: the build's cost without them is measured separately
    results["build"] = {
        "seconds": round(seconds, 2),
        "pages": pages,
        "seconds_per_page": round(seconds / pages, 3),
        "jobs": os.cpu_count(),
        "notebook_seconds_summed": round(sum(notebooks.values()), 2),
        "notebooks": {name: round(s, 2) for name, s in sorted(notebooks.items())},
    }
    say(f"  {seconds:.1f} s for {pages} pages ({seconds / pages:.2f} s a page); the notebooks' own run times "
        f"add up to {sum(notebooks.values()):.1f} s, {os.cpu_count()} running at a time")
    return root


def without_execution(root: Path) -> None:
    config = root / "_config.yml"
    config.write_text(re.sub(r"execute_notebooks: *\w+", 'execute_notebooks: "off"', config.read_text(encoding="utf-8")),
                      encoding="utf-8")


def add_copies_of_pages(root: Path, copies: int) -> int:
    """Make the book longer: `copies` more copies of every step chapter and of the trainer's guide,
    in a new part of _toc.yml. Returns the number of pages added."""
    sources = sorted((root / "book").glob("step-*.ipynb")) + [root / "book" / "trainers-guide.md"]
    lines = ["  - caption: Copies, for measuring", "    chapters:"]
    for number in range(1, copies + 1):
        for source in sources:
            copy = source.with_name(f"copy{number}-{source.name}")
            shutil.copyfile(source, copy)
            lines.append(f"      - file: book/{copy.stem}")
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").rstrip() + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return copies * len(sources)


def quickest_clean_build(root: Path) -> float:
    times = []
    for _ in range(BUILD_RUNS):
        shutil.rmtree(root / "_build", ignore_errors=True)
        times.append(build(root)[0])
    return min(times)


def measure_build_without_execution(work: Path, results: dict) -> None:
    """The same clean build with the notebooks' stored outputs instead of running them
    (execute_notebooks: "off" in a copy's _config.yml): the cost of the book machinery alone.
    Built again with 22 more pages, it splits into a fixed cost (starting Python, Sphinx, the
    theme; copying and slimming the theme's files; the search index) and a cost per page."""
    root = work / "course-no-execution"
    shutil.copytree(ROOT, root, ignore=COPY_IGNORE)
    without_execution(root)
    say("  clean build, notebooks not executed (their stored outputs used) …")
    seconds = quickest_clean_build(root)
    pages = len([p for p in pages_of(root / "_build" / "html") if p.parent.name == "book"])
    added = add_copies_of_pages(root, copies=2)
    say(f"  the same with {added} more pages …")
    longer = quickest_clean_build(root)
    per_page = (longer - seconds) / added
    results["build_without_execution"] = {
        "seconds": round(seconds, 2), "pages": pages, "seconds_per_page": round(seconds / pages, 3),
        "longer_book": {"pages": pages + added, "seconds": round(longer, 2)},
        "each_further_page_seconds": round(per_page, 3),
        "fixed_seconds": round(seconds - per_page * pages, 2),
    }
    say(f"  {seconds:.1f} s for {pages} pages ({seconds / pages:.3f} s a page); {longer:.1f} s for {pages + added}: "
        f"{per_page:.3f} s for each further page, {seconds - per_page * pages:.1f} s fixed")
    shutil.rmtree(root)


def measure_rebuild(root: Path, results: dict) -> None:
    chapter = root / "data" / "chapters" / "step-01.yml"
    text = chapter.read_text(encoding="utf-8")
    content = yaml.safe_load(text)
    content["quiz"][0]["prompt"] += " (edited)"  # one question's wording changes
    chapter.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    say("  rebuild after data/chapters/step-01.yml changed …")
    seconds, log = build(root)
    notebooks = notebook_times(log)
    results["rebuild"] = {"seconds": round(seconds, 2), "notebooks_executed": len(notebooks),
                          "notebook_execution_seconds": round(sum(notebooks.values()), 2)}
    say(f"  {seconds:.1f} s ({len(notebooks)} notebooks executed again)")
    chapter.write_text(text, encoding="utf-8")


def _kind(resource_type: str, mime: str) -> str:
    if resource_type == "Document":
        return "html"
    if resource_type == "Script" or "javascript" in mime:
        return "js"
    if resource_type == "Stylesheet" or mime == "text/css":
        return "css"
    if resource_type == "Font" or "font" in mime:
        return "fonts"
    if resource_type == "Image" or mime.startswith("image/"):
        return "images"
    return "other"


def cold_load(browser, url: str) -> dict:
    """Bytes transferred by one load in a fresh browser profile (empty cache), by kind."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    kinds, sizes, hosts = {}, {}, set()
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(
        e["requestId"], _kind(e["type"], e["response"].get("mimeType", ""))))
    cdp.on("Network.requestWillBeSent", lambda e: hosts.add(e["request"]["url"].split("/")[2]
                                                            if "://" in e["request"]["url"] else ""))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    context.close()
    by_kind: dict[str, int] = defaultdict(int)
    for request, size in sizes.items():
        by_kind[kinds.get(request, "other")] += int(size)
    return {"bytes": sum(by_kind.values()), "requests": len(sizes), "by_kind": dict(sorted(by_kind.items())),
            "hosts": sorted(h for h in hosts if h)}


def measure_pages(html: Path, browser, results: dict) -> None:
    """Every page of the book, cold: as python -m http.server sends it, and gzip-compressed."""
    weights = {}
    for compress in (False, True):
        site = Site(html, compress=compress)
        try:
            for page in pages_of(html):
                name = page.relative_to(html).as_posix()
                if name.startswith("book/"):
                    load = cold_load(browser, site.url + name)
                    if compress:
                        weights[name]["gzip_bytes"] = load["bytes"]
                    else:
                        weights[name] = load
        finally:
            site.close()
    results["pages"] = weights
    chapters = {k: v for k, v in weights.items() if k.startswith("book/step-")}
    heaviest = max(chapters.items(), key=lambda kv: kv[1]["bytes"])
    say(f"  chapter pages: {min(v['bytes'] for v in chapters.values()) / 1024:.0f}–{heaviest[1]['bytes'] / 1024:.0f} KB "
        f"on a cold load, {heaviest[1]['gzip_bytes'] / 1024:.0f} KB compressed (heaviest {heaviest[0]}); "
        f"hosts asked: {sorted({h for v in weights.values() for h in v['hosts']})}")


QUIZ_PROBE = """
window.__quiz = {};
window.addEventListener("load", () => {
  const loaded = performance.now();
  const question = document.querySelector(".wc-question");
  const feedback = question.querySelector(".wc-verdict");
  new MutationObserver(() => {
    if (feedback.textContent.trim() && !window.__quiz.answered) {
      window.__quiz = {load: loaded, answered: performance.now()};
    }
  }).observe(question, {subtree: true, childList: true, characterData: true, attributes: true});
  question.querySelector("input").click();
  question.querySelector(".wc-check").click();
});
"""


def measure_quiz(html: Path, browser, results: dict, repeats: int = 7) -> None:
    """At the load event, tick the first answer and press "Check my answer": how long until the verdict shows."""
    site = Site(html)
    runs = []
    try:
        for _ in range(repeats):
            context = browser.new_context(viewport={"width": 1100, "height": 900})
            context.add_init_script(QUIZ_PROBE)
            page = context.new_page()
            page.goto(site.url + QUIZ_PAGE, wait_until="load")
            page.wait_for_function("window.__quiz.answered !== undefined", timeout=10_000)
            quiz = page.evaluate("window.__quiz")
            runs.append({"load_ms": round(quiz["load"], 1), "answer_after_load_ms": round(quiz["answered"] - quiz["load"], 1)})
            context.close()
    finally:
        site.close()
    after = [r["answer_after_load_ms"] for r in runs]
    results["quiz"] = {"page": QUIZ_PAGE, "runs": runs, "median_answer_after_load_ms": statistics.median(after),
                       "median_load_ms": statistics.median(r["load_ms"] for r in runs)}
    say(f"  a click at load is answered after {statistics.median(after):.1f} ms (median of {repeats}); "
        f"load event at {results['quiz']['median_load_ms']:.0f} ms")


def lighthouse(html: Path, work: Path, compress: bool) -> dict:
    site = Site(html, compress=compress)
    report = work / f"lighthouse-{'gzip' if compress else 'plain'}.json"
    try:
        flags = " ".join(CHROMIUM_FLAGS + [f"--user-data-dir={work / ('lighthouse-profile-' + report.stem)}"])
        done = subprocess.run(
            [str(LIGHTHOUSE), site.url + LIGHTHOUSE_PAGE, "--output=json", f"--output-path={report}", "--quiet",
             f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    finally:
        site.close()
    if done.returncode != 0 or not report.exists():
        return {"failed": done.stderr[-1500:]}
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    metrics = {name: audits[name]["numericValue"] for name in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
                "speed-index", "interactive", "total-byte-weight") if name in audits}
    failing = sorted(f"{key}: {audits[key]['title']}" for cat in data["categories"].values()
                     for ref in cat["auditRefs"]
                     if (key := ref["id"]) in audits and audits[key].get("score") not in (None, 1) and ref["weight"] > 0)
    return {"page": LIGHTHOUSE_PAGE, "served": "gzip-compressed" if compress else "python -m http.server, no compression",
            "form_factor": data["configSettings"]["formFactor"], "throttling": data["configSettings"]["throttlingMethod"],
            "scores": {key: round(cat["score"] * 100) for key, cat in data["categories"].items()},
            "metrics": {k: round(v, 3) for k, v in metrics.items()}, "failing_audits": failing,
            "version": data["lighthouseVersion"]}


def measure_lighthouse(html: Path, work: Path, results: dict) -> None:
    """Lighthouse, mobile (its default: simulated slow 4G and a 4x slower processor), on one chapter
    page served compressed as static hosts do, and as python -m http.server serves it."""
    if not LIGHTHOUSE.exists():
        say("  lighthouse is missing: run `npm ci --prefix benchmarks` (make benchmark does); skipped")
        results["lighthouse"] = {"skipped": "lighthouse not installed"}
        return
    for compress, key, runs in ((True, "lighthouse", LIGHTHOUSE_RUNS), (False, "lighthouse_uncompressed", 1)):
        found = [lighthouse(html, work, compress) for _ in range(runs)]
        failed = [f for f in found if "failed" in f]
        if failed:
            say(f"  lighthouse failed: {failed[0]['failed']}")
            results[key] = failed[0]
            continue
        found.sort(key=lambda f: f["scores"]["performance"])
        median = results[key] = found[len(found) // 2]  # the run with the median performance score
        median["performance_of_each_run"] = [f["scores"]["performance"] for f in found]
        say(f"  {LIGHTHOUSE_PAGE}, mobile, {median['served']}"
            + (f" (median of {runs} runs: {median['performance_of_each_run']})" if runs > 1 else "") + ": "
            + ", ".join(f"{k} {v}" for k, v in median["scores"].items()))


def measure_environment(work: Path, results: dict) -> None:
    """A fresh virtual environment with requirements.txt, as Binder builds it."""
    venv = work / "binder-env"
    source = work / "source"
    if not source.exists():
        shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    start = time.perf_counter()
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
                          cwd=source, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        say(f"  pip failed: {done.stderr[-1500:]}")
        results["environment"] = {"failed": done.stderr[-1500:]}
        return
    site = next((venv / "lib").glob("python*/site-packages"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.is_symlink())
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True)
    packages = json.loads(listed.stdout)
    biggest = sorted(((sum(f.stat().st_size for f in d.rglob("*") if f.is_file()), d.name)
                      for d in site.iterdir() if d.is_dir() and not d.name.endswith((".dist-info", "__pycache__"))),
                     reverse=True)[:8]
    results["environment"] = {"site_packages_mb": round(size / 2**20, 1), "packages": len(packages),
                              "install_seconds": round(seconds, 1),
                              "largest_mb": {name: round(b / 2**20, 1) for b, name in biggest}}
    say(f"  {size / 2**20:.0f} MB in site-packages, {len(packages)} packages (pip took {seconds:.0f} s, with its cache)")


def measure_tests(results: dict) -> None:
    say("  python -m pytest -q (the full suite, in the working tree) …")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, env=course_env(),
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = next((line for line in reversed(done.stdout.splitlines()) if " in " in line and ("passed" in line or "failed" in line)), "")
    results["tests"] = {"seconds": round(seconds, 1), "exit_code": done.returncode, "summary": summary.strip("= ")}
    say(f"  {seconds:.0f} s: {summary.strip('= ')}")


def previous_results() -> dict | None:
    runs = sorted(RESULTS.glob("*.json"))
    return json.loads(runs[-1].read_text(encoding="utf-8")) if runs else None


def _fmt_kb(n: float) -> str:
    return f"{n / 1024:.0f} KB"


def summary_markdown(r: dict, before: dict | None) -> str:
    def was(*keys, fmt=lambda v: str(v)):
        value = before
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return ""
            value = value[key]
        return fmt(value)

    lines = [
        "# Benchmarks: latest run",
        "",
        f"Written by `make benchmark` (benchmarks/run.py) on {r['when']}, on {r['machine']}. "
        "All figures of every run are in benchmarks/results/ (not kept in git); "
        "\"before\" is the previous run there, if any.",
        "",
        "| measure | now | before | target |",
        "|---|---|---|---|",
    ]
    b = r.get("build")
    if b:
        lines += [
            f"| clean build ({b['pages']} pages) | {b['seconds']:.1f} s | {was('build', 'seconds', fmt=lambda v: f'{v:.1f} s')} | |",
            f"| the notebooks' own run times, added up ({b['jobs']} run at a time) | {b['notebook_seconds_summed']:.1f} s | "
            f"{was('build', 'notebook_seconds_summed', fmt=lambda v: f'{v:.1f} s')} | |",
        ]
    nb = r.get("build_without_execution")
    if nb:
        lines += [
            f"| clean build, notebooks not run ({nb['pages']} pages) | {nb['seconds']:.1f} s, {nb['seconds_per_page']:.3f} s a page | "
            f"{was('build_without_execution', 'seconds_per_page', fmt=lambda v: f'{v:.3f} s a page')} "
            f"| {TARGETS['clean build per page, notebooks not executed']} a page |",
            f"| of which fixed (start-up, theme files, search index) | {nb['fixed_seconds']:.1f} s | "
            f"{was('build_without_execution', 'fixed_seconds', fmt=lambda v: f'{v:.1f} s')} | |",
            f"| each further page (built with {nb['longer_book']['pages']} pages: {nb['longer_book']['seconds']:.1f} s) | "
            f"{nb['each_further_page_seconds']:.3f} s | {was('build_without_execution', 'each_further_page_seconds', fmt=lambda v: f'{v:.3f} s')} "
            f"| {TARGETS['clean build per page, notebooks not executed']} |",
        ]
    if r.get("rebuild"):
        lines.append(f"| rebuild after one question file changed | {r['rebuild']['seconds']:.1f} s | "
                     f"{was('rebuild', 'seconds', fmt=lambda v: f'{v:.1f} s')} | |")
    if r.get("tests"):
        lines.append(f"| full test suite | {r['tests']['seconds']:.0f} s ({r['tests']['summary']}) | "
                     f"{was('tests', 'seconds', fmt=lambda v: f'{v:.0f} s')} | {TARGETS['full test suite']} |")
    if r.get("pages"):
        chapters = {k: v for k, v in r["pages"].items() if k.startswith("book/step-")}
        heaviest = max(v["bytes"] for v in chapters.values())
        old = {k: v for k, v in (before or {}).get("pages", {}).items() if k.startswith("book/step-")}
        lines.append(f"| heaviest chapter page, cold load | {_fmt_kb(heaviest)} | "
                     f"{_fmt_kb(max(v['bytes'] for v in old.values())) if old else ''} | {TARGETS['chapter page, cold load']} |")
        hosts = sorted({h for v in r["pages"].values() for h in v["hosts"] if not h.startswith("127.0.0.1")})
        lines.append(f"| requests to other hosts, all pages | {len(hosts)} | | 0 |")
    if r.get("quiz"):
        lines.append(f"| quiz answers a click made at load after | {r['quiz']['median_answer_after_load_ms']:.1f} ms | "
                     f"{was('quiz', 'median_answer_after_load_ms', fmt=lambda v: f'{v:.1f} ms')} | {TARGETS['quiz answers a click at load within']} |")
    lh = r.get("lighthouse", {})
    if "scores" in lh:
        for key, label in (("performance", "performance"), ("accessibility", "accessibility"),
                           ("best-practices", "best practices"), ("seo", "SEO")):
            target = TARGETS.get(f"Lighthouse mobile {label}", "")
            lines.append(f"| Lighthouse mobile {label} ({lh['page']}, compressed) | {lh['scores'].get(key)} | "
                         f"{was('lighthouse', 'scores', key)} | {target} |")
    plain = r.get("lighthouse_uncompressed", {})
    if "scores" in plain:
        lines.append(f"| the same, from python -m http.server (no compression) | " + ", ".join(
            f"{k} {v}" for k, v in plain["scores"].items()) + " | | |")
    env = r.get("environment", {})
    if "site_packages_mb" in env:
        lines.append(f"| environment from requirements.txt | {env['site_packages_mb']:.0f} MB, {env['packages']} packages | "
                     f"{was('environment', 'site_packages_mb', fmt=lambda v: f'{v:.0f} MB')} | |")
    if r.get("pages"):
        lines += ["", "## Book pages on a cold load (bytes transferred, empty cache; as python -m http.server sends "
                  "them, and gzip-compressed as static hosts send them)", "",
                  "| page | total | gzip-compressed | requests | HTML | JS | CSS | fonts | images |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name, v in r["pages"].items():
            k = v["by_kind"]
            lines.append(f"| {name} | {_fmt_kb(v['bytes'])} | {_fmt_kb(v.get('gzip_bytes', 0))} | {v['requests']} | " + " | ".join(
                _fmt_kb(k.get(kind, 0)) for kind in ("html", "js", "css", "fonts", "images")) + " |")
    if b:
        lines += ["", "## Notebook execution in the clean build", "", "| notebook | seconds |", "|---|---|"]
        lines += [f"| {name} | {s:.2f} |" for name, s in b["notebooks"].items()]
    if "metrics" in lh:
        m = lh["metrics"]
        lines += ["", f"## Lighthouse {lh['version']} ({lh['form_factor']}, {lh['throttling']} throttling) on {lh['page']}, "
                  "compressed", "",
                  f"First contentful paint {m.get('first-contentful-paint', 0) / 1000:.2f} s, largest contentful paint "
                  f"{m.get('largest-contentful-paint', 0) / 1000:.2f} s, total blocking time {m.get('total-blocking-time', 0):.0f} ms, "
                  f"layout shift {m.get('cumulative-layout-shift', 0):.3f}, speed index {m.get('speed-index', 0) / 1000:.2f} s, "
                  f"bytes {_fmt_kb(m.get('total-byte-weight', 0))}."]
        if lh["failing_audits"]:
            lines += ["", "Audits not passed: " + "; ".join(lh["failing_audits"]) + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py", description=__doc__.split("\n\n")[0],
        epilog="Steps: " + ", ".join(STEPS) + ". Results: benchmarks/results/*.json and benchmarks/latest.md.")
    parser.add_argument("--only", metavar="STEP[,STEP]", help="run only these steps (pages, quiz and lighthouse need build)")
    parser.add_argument("--skip", metavar="STEP[,STEP]", default="", help="leave these steps out (e.g. tests,environment)")
    parser.add_argument("--no-write", action="store_true", help="print only; write neither results nor latest.md")
    args = parser.parse_args(argv)
    steps = args.only.split(",") if args.only else list(STEPS)
    steps = [s for s in steps if s not in args.skip.split(",")]
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}; steps are {', '.join(STEPS)}")
    if {"rebuild", "pages", "quiz", "lighthouse"} & set(steps) and "build" not in steps:
        steps.insert(0, "build")

    results: dict = {"when": dt.datetime.now().isoformat(timespec="seconds"),
                     "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                     "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                              text=True).stdout.strip(),
                     "steps": steps}
    before = previous_results()
    say(f"Benchmarks: {', '.join(steps)}")
    with tempfile.TemporaryDirectory(prefix="welcome-course-bench-") as tmp:
        work = Path(tmp)
        root = None
        for number, step in enumerate(steps, start=1):
            say(f"[{number}/{len(steps)}] {step}")
            if step == "build":
                root = measure_build(work, results)
            elif step == "build-without-execution":
                measure_build_without_execution(work, results)
            elif step == "rebuild":
                measure_rebuild(root, results)
            elif step in ("pages", "quiz"):
                from playwright.sync_api import sync_playwright

                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                    (measure_pages if step == "pages" else measure_quiz)(root / "_build" / "html", browser, results)
                    browser.close()
            elif step == "lighthouse":
                measure_lighthouse(root / "_build" / "html", work, results)
            elif step == "environment":
                measure_environment(work, results)
            elif step == "tests":
                measure_tests(results)
    if args.no_write:
        print(json.dumps(results, indent=1))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{results['when'].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    LATEST.write_text(summary_markdown(results, before), encoding="utf-8")
    say(f"Wrote {out.relative_to(ROOT)} and {LATEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
