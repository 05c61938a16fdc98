"""Every visible string of the app, in English and Korean.

Strings live in labui/strings/<area>.py as STRINGS = {key: {"en", "ko"}};
keys are unique across areas. text(key, lang, **values) formats one.
"""

import importlib
import pkgutil

from . import strings as _strings_pkg

LANGS = {"en": "English", "ko": "한국어"}
DEFAULT_LANG = "en"


def _collect():
    table = {}
    for mod in pkgutil.iter_modules(_strings_pkg.__path__):
        area = importlib.import_module(f"{_strings_pkg.__name__}.{mod.name}")
        for key, texts in area.STRINGS.items():
            if key in table:
                raise KeyError(f"string key {key!r} defined twice ({mod.name})")
            table[key] = texts
    return table


STRINGS = _collect()


def text(key, lang=DEFAULT_LANG, **values):
    """The string `key` in `lang`, with {placeholders} filled from values."""
    try:
        s = STRINGS[key][lang]
    except KeyError:
        raise KeyError(f"no {lang!r} text for {key!r}") from None
    return s.format(**values) if values else s
