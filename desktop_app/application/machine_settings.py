"""A lab's machine-wide settings: the defaults school IT presets for everyone on a computer.

One INI file per computer, written by IT (docs/deploying.md): the paper size, the folder a student is offered
for hand-ins, whether this is a student computer (the teacher's menus hidden) and the language Lede speaks. A
person's own choices, remembered per account, win over these; these win over Lede's built-in defaults. Where it lives:

- Linux: /etc/xdg/lede/lede.ini (platformdirs' site config folder)
- Windows: C:\\ProgramData\\lede\\lede.ini
- macOS: /Library/Application Support/lede/lede.ini

or wherever ``LEDE_MACHINE_SETTINGS`` points. A file that is missing is no settings; one that cannot be read, or
holds a value Lede does not know, is reported once in the log and that value is ignored (a lab must never be
locked out by a typo).
"""

from __future__ import annotations

import configparser
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop_app import APP_ID
from desktop_app.i18n import LANGUAGES

log = logging.getLogger(__name__)

ENV_VAR = "LEDE_MACHINE_SETTINGS"
SECTION = "lede"
PAPERS = ("a4", "letter")
ROLES = ("teacher", "student", "ask")  # "ask": the first start asks the person


@dataclass(frozen=True)
class MachineSettings:
    paper: str | None = None  # "a4" or "letter"; None: from the locale
    hand_in_folder: Path | None = None  # offered to students when they hand in
    role: str = "ask"  # "student" hides the teacher's menus on this computer
    language: str | None = None  # "en", "es", "he"; None: the system's (a person's own choice wins)
    source: Path | None = None  # the file these came from, for the About box and for IT

    @property
    def student_computer(self) -> bool:
        return self.role == "student"


def settings_file() -> Path:
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_ID, appauthor=False)) / "lede.ini"


@lru_cache(maxsize=1)
def machine_settings() -> MachineSettings:
    return read_machine_settings(settings_file())


def read_machine_settings(path: Path) -> MachineSettings:
    if not path.is_file():
        return MachineSettings()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        log.warning("the machine settings in %s cannot be read (%s); using Lede's defaults", path, exc)
        return MachineSettings(source=path)
    section = parser[SECTION] if parser.has_section(SECTION) else {}
    paper = (section.get("paper") or "").strip().lower() or None
    if paper is not None and paper not in PAPERS:
        log.warning("%s: paper = %r is not one of %s; ignored", path, paper, ", ".join(PAPERS))
        paper = None
    role = (section.get("role") or "ask").strip().lower()
    if role not in ROLES:
        log.warning("%s: role = %r is not one of %s; ignored", path, role, ", ".join(ROLES))
        role = "ask"
    language = (section.get("language") or "").strip().lower() or None
    if language is not None and language not in LANGUAGES:
        log.warning("%s: language = %r is not one of %s; ignored", path, language, ", ".join(LANGUAGES))
        language = None
    folder_text = (section.get("hand_in_folder") or "").strip()
    folder = Path(os.path.expandvars(os.path.expanduser(folder_text))) if folder_text else None
    return MachineSettings(paper=paper, hand_in_folder=folder, role=role, language=language, source=path)
