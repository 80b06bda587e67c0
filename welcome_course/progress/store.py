"""The live progress store: one JSON file in the learner's own space.

Where: $WELCOME_COURSE_PROGRESS if set, else ~/.welcome-course/progress.json
(on Binder or a JupyterHub, that is the learner's home folder).

Safety:
- every change is a locked read-modify-write, so two notebooks recording at
  the same moment both keep their entries;
- the file is replaced atomically (written beside it, flushed, then renamed),
  so a crash mid-write leaves the previous version intact;
- a file that cannot be read (corrupt, another program's, a newer version) is
  moved aside under a new name, never overwritten, and the learner is told where.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from .record import RecordError, apply_event, checked, merge, new_record, now

PROGRESS_ENV = "WELCOME_COURSE_PROGRESS"

try:  # POSIX
    import fcntl

    def _lock(handle):
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle):
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def _lock(handle):
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)

    def _unlock(handle):
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def default_path() -> Path:
    if os.environ.get(PROGRESS_ENV):
        return Path(os.environ[PROGRESS_ENV]).expanduser()
    return Path.home() / ".welcome-course" / "progress.json"


class ProgressStore:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.notices: list[dict] = []  # files set aside: {"path", "reason", "aside"}, to tell the learner

    @contextlib.contextmanager
    def _locked(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as handle:
            _lock(handle)
            try:
                yield
            finally:
                _unlock(handle)

    def _read_unlocked(self) -> dict:
        if not self.path.exists():
            return new_record()
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return checked(raw)
        except (UnicodeDecodeError, json.JSONDecodeError, RecordError) as err:
            reason = err.args[0] if isinstance(err, RecordError) else "it is not valid JSON"
            aside = self._set_aside()
            self.notices.append({"path": str(self.path), "reason": reason, "aside": str(aside)})
            return new_record()

    def _set_aside(self) -> Path:
        stamp = now().replace(":", "").replace("-", "")
        aside = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}{self.path.suffix}")
        counter = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}-{counter}{self.path.suffix}")
            counter += 1
        os.replace(self.path, aside)
        return aside

    def _write_unlocked(self, record: dict) -> None:
        handle, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(record, out, ensure_ascii=False, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def load(self) -> dict:
        with self._locked():
            return self._read_unlocked()

    def record(self, event: dict) -> dict:
        """Add one event under the lock; returns the record as saved."""
        with self._locked():
            record = self._read_unlocked()
            apply_event(record, event)
            self._write_unlocked(record)
            return record

    def import_record(self, other: dict) -> dict:
        """Merge an exported record (already checked) into the stored one; nothing stored is lost."""
        with self._locked():
            record = merge(self._read_unlocked(), other)
            self._write_unlocked(record)
            return record
