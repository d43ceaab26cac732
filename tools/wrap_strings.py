"""Wrap every user-facing string literal in ``_()`` so the words can be reviewed and translated.

Run from the top of the repository, then sort the imports and format:

    python tools/wrap_strings.py && ruff check --fix --select I -q . && ruff format .

An f-string becomes ``_("Bed {name} ...").format(name=...)``; a hand-made plural such as
``"1 crop" if n == 1 else f"{n} crops"`` becomes ``ngettext("{n} crop", "{n} crops", n)``.
Whether a literal is words for people is decided by where it stands (a label, a button, an
error message: yes; a dict key, an icon name, a log message, a style sheet: no) and by how it
reads (sentences and capitalised words: yes; identifiers and codes: no), with the lists below
for the cases those rules get wrong. Running it twice changes nothing. ``--check`` lists the
literals that still need wrapping, as the test suite does.
"""

from __future__ import annotations

import ast
import json
import keyword
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The places whose strings people read.
TARGETS = ("dutchfarm/ui", "dutchfarm/services", "dutchfarm/domain", "dutchfarm/cli.py",
           "dutchfarm/cli_admin.py")  # fmt: skip
# Files with no words for people: colours and fonts, the demo farms' made-up records (data,
# not the program's words), and the screenshot tool for the documentation.
SKIP_FILES = frozenset(
    {"dutchfarm/ui/theme.py", "dutchfarm/services/demo.py", "dutchfarm/ui/screenshots.py"}
)
WORD_CALLS = frozenset({"_", "ngettext"})
STRING_METHODS = frozenset(
    [
        "startswith",
        "endswith",
        "replace",
        "strip",
        "lstrip",
        "rstrip",
        "split",
        "rsplit",
        "partition",
        "rpartition",
        "removeprefix",
        "removesuffix",
        "count",
        "index",
        "find",
        "rfind",
        "decode",
        "encode",
        "normalize",
        "casefold",
        "lower",
        "upper",
        "splitlines",
    ]
)
# Calls none of whose string arguments are words: logging, attribute and file access, Qt
# properties, style sheets, shortcuts, regular expressions, SQL, audit-log event codes,
# settings keys, navigation targets, matplotlib options and Python's own typing helpers.
TECHNICAL_CALLS = (
    frozenset(
        [
            "getattr",
            "hasattr",
            "setattr",
            "delattr",
            "isinstance",
            "TypeVar",
            "NewType",
            "cast",
            "files",
            "open",
            "Path",
            "QUrl",
            "QColor",
            "QKeySequence",
            "QFont",
            "compile",
            "sub",
            "subn",
            "match",
            "fullmatch",
            "search",
            "findall",
            "finditer",
            "setProperty",
            "property",
            "setObjectName",
            "setStyleSheet",
            "setShortcut",
            "setDisplayFormat",
            "go",
            "show_page",
            "setdefault",
            "joinpath",
            "audit",
            "add_subparsers",
            "setApplicationName",
            "setOrganizationName",
            "setCreator",
            "set_facecolor",
            "set_edgecolor",
            "savefig",
            "save",
            "set_layout_engine",
            "_dup_key",
            "like",
            "strftime",
            "strptime",
            "fromisoformat",
            "environ",
            "getenv",
            "icon",
            "pixmap",
            "count",
            "KeyError",
            "TypeError",
            "AssertionError",
            "RuntimeError",
            "NotImplementedError",
            "IndexError",
            "AttributeError",
            "LookupError",
            "exec_module",
            "import_module",
            "setData",
            "mimeData",
            "hasFormat",
            "sniff",
            "back_up",
            "set",
        ]
    )
    | STRING_METHODS
)
# Calls whose first argument is a name, not words (their other arguments may be words).
NAME_FIRST = frozenset(
    [
        "PictureButton",
        "Tile",
        "primary_button",
        "picture",
        "_picture",
        "add_argument",
        "add_parser",
        "get",
        "_metres_box",
    ]
)
# label(text, role): the role is a style name.
ROLE_SECOND = frozenset({"label"})
# Keyword arguments that hold codes and options, never words.
TECHNICAL_KEYWORDS = frozenset(
    [
        "metavar",
        "dest",
        "action",
        "prog",
        "default",
        "choices",
        "encoding",
        "newline",
        "errors",
        "sep",
        "textcoords",
        "xycoords",
        "boxcoords",
        "ha",
        "va",
        "loc",
        "align",
        "layout",
        "format",
        "facecolor",
        "edgecolor",
        "drawstyle",
        "aspect",
        "weight",
        "fontweight",
        "axis",
        "color",
        "colour",
        "delimiters",
        "role",
        "kind",
        "key",
        "picture",
        "icon",
        "icon_name",
        "how",
        "mode",
        "object_name",
        "fontsize",
        "family",
        "style",
        "linestyle",
        "marker",
        "cmap",
        "which",
    ]
)
LOGGERS = frozenset({"log", "logger", "logging", "_log"})
# Names whose string values are words even when one lowercase word ("watered", "kg").
WORDS_NAME = re.compile(r"(^|_)(WORDS|NAMES)$")
# Names whose values are never words.
TECHNICAL_NAME = re.compile(r"(STYLE|SQL|FORMAT|PATTERN|MIME|KEY|SUFFIX|FONT|URL|ENV|ICON|MAP)S?$")
# Single lowercase words that are words for people in these places: (file, text).
WORDS_ANYWAY: frozenset[tuple[str, str]] = frozenset()
# Literals that read like words but are not: (file, text).
NOT_WORDS: frozenset[tuple[str, str]] = frozenset()
ALWAYS_WORDS = frozenset({"OK", "PIN"})
# Names of things that stay the same in every language.
NOT_WORDS_ANYWHERE = frozenset({"Atkinson Hyperlegible", "DejaVu Sans"})

_TECHNICAL_TEXT = (
    re.compile(r"^[a-z0-9_.:/\\+*=<>|@#$%&-]*$"),  # identifiers, icon names, paths, codes
    re.compile(r"^[A-Z0-9_.:/+-]+$"),  # constants, file kinds (PNG), options (URL, NFC)
    re.compile(r"^-"),  # command-line options
    re.compile(r"#[0-9A-Fa-f]{3,8}\b|\d(px|pt)\b|;\s*$|^\s*[\w-]+\s*:\s*[\w#-]+;"),  # style
    re.compile(r"^\s*(PRAGMA|SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH)\b"),
    re.compile(r"^[A-Za-z]+[A-Z][a-z0-9]*[A-Za-z0-9]*$"),  # CamelCase names (JobId)
    re.compile(r"^(Ctrl|Alt|Shift|Meta)\+"),  # shortcuts
    re.compile(r"^[dMyHhmsAaPp\s,:./-]*(MMM|yyyy|dd|HH)[dMyHhmsAaPp\s,:./-]*$"),  # Qt dates
    re.compile(r"%[-#0 +]*\d*[a-zA-Z]"),  # printf and strftime formats (log messages)
    re.compile(r"^[a-z][a-z0-9+.-]*:[^ ]*$"),  # URLs and MIME-like codes ("person:me")
)


@dataclass(frozen=True)
class Finding:
    """One literal that people read but that is not wrapped."""

    path: str
    line: int
    text: str

    def advice(self) -> str:
        """Say where it is and how to wrap it."""
        return (
            f"{self.path}:{self.line}: {self.text[:70]} is shown to people: wrap it as "
            '_("…"), an f-string as _("… {name} …").format(name=…), a count as '
            'ngettext("{n} bed", "{n} beds", n).format(n=n) (from dutchfarm.words import _, '
            "ngettext), or run tools/wrap_strings.py; if nobody sees it, add it to NOT_WORDS "
            "there."
        )


def target_files(root: Path = ROOT) -> list[Path]:
    """Return the Python files whose strings people read."""
    found: list[Path] = []
    for target in TARGETS:
        path = root / target
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return [p for p in found if p.is_file() and not _skipped(p.relative_to(root).as_posix())]


def _skipped(name: str) -> bool:
    """Say whether ``name`` is a file with no words for people."""
    return name in SKIP_FILES or name.startswith("dutchfarm/services/demo_large")


def _literal_parts(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value if isinstance(v, ast.Constant) else "\0" for v in node.values]
    return []


def reads_as_words(node: ast.expr, lowercase_ok: bool = False) -> bool:
    """Return whether a literal's own text reads like words for people."""
    parts = _literal_parts(node)
    # Markup and placeholders are not words: judge the words between them.
    text = re.sub(r"<[^<>]+>", " ", "".join(parts).replace("\0", "0"))
    letters = sum(c.isalpha() for c in text)
    if text.strip() in ALWAYS_WORDS:
        return True
    if text.strip() in NOT_WORDS_ANYWHERE:
        return False
    if letters < 2:
        return False
    stripped = text.strip()
    if isinstance(node, ast.JoinedStr) and re.search(
        r"\0\s+[A-Za-z]{2,}|[A-Za-z]{2,}:?\s+\0", "".join(parts)
    ):
        return True  # "{n} picked", "with {name}", "line {n}: {problem}"
    if any(pattern.search(stripped) for pattern in _TECHNICAL_TEXT[1:]) and not re.search(
        r"[a-z]{2,} [a-z]{2,}", stripped
    ):
        return False
    if re.search(_TECHNICAL_TEXT[3].pattern, stripped) or _TECHNICAL_TEXT[8].search(stripped):
        return False
    if lowercase_ok:
        return True
    if re.fullmatch(r"\s*\((\w+ ?)+\)\s*", text):
        return True  # " (archived)"
    if _TECHNICAL_TEXT[0].match(stripped):
        return False
    if re.search(r"\s", stripped):
        return True
    return bool(re.match(r"^[A-Z][a-z'’…!?.]+$", stripped))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def call_name(call: ast.Call) -> str:
    """Return the called function's own name (the last part of ``a.b.c``)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _receiver(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Attribute)
        and func.value.attr in LOGGERS
    ):
        return func.value.attr
    return ""


def _assigned_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)] + [
            t.attr for t in node.targets if isinstance(t, ast.Attribute)
        ]
    if isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _is_enum_class(node: ast.AST) -> bool:
    return isinstance(node, ast.ClassDef) and any(
        (isinstance(b, ast.Name) and "Enum" in b.id)
        or (isinstance(b, ast.Attribute) and "Enum" in b.attr)
        for b in node.bases
    )


class Classifier:
    """Decide, for each string literal in one file, whether people read it."""

    def __init__(self, path: str, source: str, tree: ast.Module) -> None:
        self.path = path
        self.source = source
        self.tree = tree
        self.parents = _parents(tree)

    def _raw(self, node: ast.expr) -> bool:
        segment = ast.get_source_segment(self.source, node) or ""
        prefix = re.match(r"^[A-Za-z]*", segment)
        return bool(prefix and "r" in prefix.group(0).lower())

    def context_allows(self, node: ast.expr) -> tuple[bool, bool]:
        """Return (may be words here, any single word counts as words here)."""
        child: ast.AST = node
        lowercase_ok = False
        while True:
            parent = self.parents.get(child)
            if parent is None:
                return True, lowercase_ok
            if isinstance(parent, ast.Expr) and child is parent.value:
                return False, False  # a docstring or a bare string
            if isinstance(parent, ast.JoinedStr | ast.FormattedValue):
                return False, False  # inside another f-string: handled with it
            if isinstance(parent, ast.Dict) and child in parent.keys:
                return False, False
            if isinstance(parent, ast.Subscript) and child is parent.slice:
                return False, False
            if isinstance(parent, ast.Compare | ast.Assert | ast.match_case | ast.MatchValue):
                return False, False
            if isinstance(parent, ast.arg | ast.AnnAssign) and child is parent.annotation:
                return False, False
            if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef) and child is (
                parent.returns
            ):
                return False, False
            if isinstance(parent, ast.Attribute):
                return parent.attr == "format", lowercase_ok
            if isinstance(parent, ast.keyword) and parent.arg in TECHNICAL_KEYWORDS:
                return False, False
            if isinstance(parent, ast.Call):
                name = call_name(parent)
                if child is parent.func:
                    return False, False
                if name in WORD_CALLS:
                    return False, False  # already wrapped
                if name in TECHNICAL_CALLS or _receiver(parent) in LOGGERS:
                    return False, False
                if isinstance(parent.func, ast.Name) and parent.func.id == "text":
                    return False, False  # SQL text(); axes.text(...) and painters' text are words
                if name in NAME_FIRST and parent.args and child is parent.args[0]:
                    return False, False
                if name in ROLE_SECOND and len(parent.args) > 1 and child is parent.args[1]:
                    return False, False
                return True, lowercase_ok
            names = _assigned_names(parent)
            if names:
                if "__all__" in names or any(TECHNICAL_NAME.search(n) for n in names):
                    return False, False
                if _is_enum_class(self.parents.get(parent, parent)):
                    return False, False
                if any(WORDS_NAME.search(n) for n in names):
                    lowercase_ok = True
                return True, lowercase_ok
            if isinstance(parent, ast.stmt):
                return True, lowercase_ok
            child = parent

    def is_words(self, node: ast.expr) -> bool:
        """Return whether people read this literal (a str constant or an f-string)."""
        if not isinstance(node, ast.JoinedStr | ast.Constant):
            return False
        if isinstance(node, ast.Constant) and not isinstance(node.value, str):
            return False
        if self._raw(node):
            return False
        text = "".join(_literal_parts(node)).replace("\0", "{}")
        if (self.path, text) in NOT_WORDS:
            return False
        allowed, lowercase_ok = self.context_allows(node)
        if not allowed:
            return False
        lowercase_ok = lowercase_ok or (self.path, text) in WORDS_ANYWAY
        return reads_as_words(node, lowercase_ok)

    def unwrapped(self) -> list[ast.expr]:
        """Return the literals people read that are not wrapped yet, outermost only."""
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Constant | ast.JoinedStr) and self.is_words(node):
                found.append(node)
        return sorted(found, key=lambda n: (n.lineno, n.col_offset))


# --- rewriting ---------------------------------------------------------------------------

SAME_WORDS_METHODS = frozenset(["lower", "upper", "capitalize", "title", "strip", "casefold"])


def placeholder(expr: ast.expr) -> str | None:
    """Return a readable placeholder name for an f-string's expression, or None."""
    name: str | None = None
    if isinstance(expr, ast.Name):
        name = expr.id
    elif isinstance(expr, ast.Attribute):
        name = expr.attr
    elif isinstance(expr, ast.Subscript):
        # MONTH_NAMES[i] is a month, DONE_WORDS[action] what was done.
        name = placeholder(expr.value)
        if name:
            name = re.sub(r"_(names|words)$", "", name)
    elif isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute) and func.attr in SAME_WORDS_METHODS:
            name = placeholder(func.value)
        elif len(expr.args) == 1 and not expr.keywords:
            name = placeholder(expr.args[0])
    if name is None:
        return None
    name = name.strip("_").lower()
    if not name.isidentifier() or keyword.iskeyword(name):
        return None
    return name


class Template:
    """An f-string turned into a ``str.format`` template and its arguments."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.names: dict[str, str] = {}  # expression's ast dump -> placeholder
        self.codes: dict[str, str] = {}  # placeholder -> expression's source
        self.positional: list[str] = []

    def field(self, expr: ast.expr, preferred: str | None = None) -> str:
        """Return the placeholder for ``expr``, naming it once."""
        code = ast.get_source_segment(self.source, expr) or ""
        key = ast.dump(expr)
        if key in self.names:
            return self.names[key]
        name = preferred or placeholder(expr)
        if name is None:
            self.positional.append(code)
            self.names[key] = str(len(self.positional) - 1)
            return self.names[key]
        taken = set(self.names.values())
        if name in taken and isinstance(expr, ast.Attribute):
            owner = placeholder(expr.value)
            if owner:
                name = f"{owner}_{name}"
        base, number = name, 2
        while name in taken:
            name, number = f"{base}{number}", number + 1
        self.names[key] = name
        self.codes[name] = code
        return name

    def forget(self, name: str) -> None:
        """Drop a placeholder the texts do not use."""
        self.names = {k: v for k, v in self.names.items() if v != name}
        self.codes.pop(name, None)

    def text(self, node: ast.expr, choose: dict[int, bool] | None = None) -> str | None:
        """Return the template of ``node``; ``choose`` picks a side of plural conditions."""
        if isinstance(node, ast.Constant):
            return str(node.value)
        assert isinstance(node, ast.JoinedStr)
        out = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                out.append(str(value.value).replace("{", "{{").replace("}", "}}"))
                continue
            assert isinstance(value, ast.FormattedValue)
            if choose is not None and id(value.value) in choose:
                branch = value.value
                assert isinstance(branch, ast.IfExp)
                side = branch.body if choose[id(value.value)] else branch.orelse
                inner = self.text(side)
                if inner is None:
                    return None
                out.append(inner if isinstance(side, ast.JoinedStr) else _escape(inner))
                continue
            spec = ""
            if value.format_spec is not None:
                assert isinstance(value.format_spec, ast.JoinedStr)
                if not all(isinstance(v, ast.Constant) for v in value.format_spec.values):
                    return None  # a computed format spec cannot be moved into a template
                spec = ":" + "".join(str(v.value) for v in value.format_spec.values)  # type: ignore[attr-defined]
            conversion = "" if value.conversion == -1 else "!" + chr(value.conversion)
            out.append("{" + self.field(value.value) + conversion + spec + "}")
        return "".join(out)

    def arguments(self) -> str:
        """Return the ``.format(...)`` call, or "" when the template has no fields."""
        parts = list(self.positional)
        parts += [f"{name}={code}" for name, code in self.codes.items()]
        return f".format({', '.join(parts)})" if parts else ""


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def literal(text: str) -> str:
    """Return Python source for ``text``, in pieces of at most 70 characters when long."""
    if len(text) <= 70:
        return json.dumps(text, ensure_ascii=False)
    pieces, current = [], ""
    for word in re.split(r"(?<= )", text):
        if current and len(current) + len(word) > 70:
            pieces.append(current)
            current = ""
        current += word
    pieces.append(current)
    return "\n".join(json.dumps(p, ensure_ascii=False) for p in pieces)


def _count_test(test: ast.expr) -> tuple[ast.expr, bool] | None:
    """Return (the count, whether the body is the singular) for ``n == 1`` or ``n != 1``."""
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == 1
        and isinstance(test.ops[0], ast.Eq | ast.NotEq)
    ):
        return test.left, isinstance(test.ops[0], ast.Eq)
    return None


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def plural_condition(node: ast.expr) -> tuple[ast.expr, ast.expr, ast.expr] | None:
    """Return (count, singular, plural) when ``node`` is ``a if n == 1 else b`` of texts."""
    if not isinstance(node, ast.IfExp) or not (_is_text(node.body) and _is_text(node.orelse)):
        return None
    found = _count_test(node.test)
    if found is None:
        return None
    count, body_is_one = found
    one, many = (node.body, node.orelse) if body_is_one else (node.orelse, node.body)
    return count, one, many


def singular_and_plural(one: ast.expr, many: ast.expr) -> bool:
    """Return whether two literals are one word's singular and plural ("bunch", "bunches")."""
    if not (isinstance(one, ast.Constant) and isinstance(many, ast.Constant)):
        return False
    a, b = str(one.value).strip(), str(many.value).strip()
    return a.isalpha() and b.isalpha() and a != b and a[:2] == b[:2]


def _mentions(template: str, field: str) -> bool:
    return re.search(r"(?<!\{)\{" + re.escape(field) + r"[!:}]", template) is not None


def _put_count(one: str, many: str, field: str) -> str:
    # "1 crop" / "{chosen} crops": the singular says the count too, for languages whose
    # "one" form covers other numbers.
    found = re.search(r"(?<!\{)\{" + re.escape(field) + r"(![rsa])?(:[^{}]*)?\}", many)
    if found and not _mentions(one, field):
        return re.sub(r"(?<![\w.,])1(?![\w.,])", found.group(0), one, count=1)
    return one


class Rewriter:
    """Turn the unwrapped literals of one file into ``_()`` and ``ngettext()`` calls."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.tree = ast.parse(source)
        self.classifier = Classifier(path, source, self.tree)
        self.unhandled: list[Finding] = []
        self.used: set[str] = set()
        self.count = 0

    def _plural(self, node: ast.expr) -> str | None:
        """Rewrite a plural condition, or an f-string holding one, as ``ngettext``."""
        template = Template(self.source)
        found = plural_condition(node)
        if found is not None:
            count, one, many = found
            if not (
                self.classifier.is_words(one)
                or self.classifier.is_words(many)
                or (singular_and_plural(one, many) and self._allowed(node))
            ):
                return None
            field = template.field(count, placeholder(count) or "count")
            one_text, many_text = template.text(one), template.text(many)
            if one_text is None or many_text is None:
                return None
            if isinstance(one, ast.Constant):
                one_text = _escape(one_text)
            if isinstance(many, ast.Constant):
                many_text = _escape(many_text)
            one_text = _put_count(one_text, many_text, field)
            if not _mentions(one_text + many_text, field):
                if not (isinstance(one, ast.Constant) and isinstance(many, ast.Constant)):
                    return None  # not a count of things, like "1st" / "2nd choice"
                template.forget(field)
            return self._ngettext(one_text, many_text, count, template)
        if not isinstance(node, ast.JoinedStr) or not self.classifier.is_words(node):
            return None
        conditions = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue) and value.format_spec is None:
                inner = plural_condition(value.value)
                if inner and all(isinstance(side, ast.Constant) for side in inner[1:]):
                    conditions.append(value.value)
        if len(conditions) != 1:
            return None
        condition = conditions[0]
        assert isinstance(condition, ast.IfExp)
        count, body_is_one = _count_test(condition.test)  # type: ignore[misc]
        field = template.field(count, placeholder(count) or "count")
        one_text = template.text(node, {id(condition): body_is_one})
        many_text = template.text(node, {id(condition): not body_is_one})
        if one_text is None or many_text is None:
            return None
        if not _mentions(one_text + many_text, field):
            template.forget(field)
        return self._ngettext(one_text, many_text, count, template)

    def _ngettext(self, one: str, many: str, count: ast.expr, template: Template) -> str:
        self.used.add("ngettext")
        self.count += 1
        code = ast.get_source_segment(self.source, count) or ""
        return f"ngettext(\n{literal(one)},\n{literal(many)},\n{code},\n)" + template.arguments()

    def _wrap(self, node: ast.expr) -> str | None:
        template = Template(self.source)
        text = template.text(node)
        if text is None:
            self.unhandled.append(Finding(self.path, node.lineno, _shown(node, self.source)))
            return None
        self.used.add("_")
        self.count += 1
        if isinstance(node, ast.Constant):
            return f"_({literal(text)})"
        return f"_({literal(text)})" + template.arguments()

    def edits(self) -> list[tuple[int, int, str]]:
        """Return the (start, end, new text) edits for this pass, outermost first."""
        found: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        offsets = _line_offsets(self.source)
        nodes = sorted(
            (n for n in ast.walk(self.tree) if isinstance(n, ast.expr)),
            key=lambda n: (n.lineno, n.col_offset, -(n.end_lineno or 0), -(n.end_col_offset or 0)),
        )
        for node in nodes:
            start = offsets[node.lineno - 1] + _col(
                self.source, offsets, node.lineno, node.col_offset
            )
            end = offsets[node.end_lineno - 1] + _col(  # type: ignore[operator]
                self.source,
                offsets,
                node.end_lineno,
                node.end_col_offset,  # type: ignore[arg-type]
            )
            if any(a <= start < b for a, b in taken):
                continue
            new: str | None = None
            if isinstance(node, ast.IfExp | ast.JoinedStr) and self._allowed(node):
                new = self._plural(node)
            if (
                new is None
                and isinstance(node, ast.Constant | ast.JoinedStr)
                and self.classifier.is_words(node)
            ):
                new = self._wrap(node)
            if new is not None:
                found.append((start, end, new))
                taken.append((start, end))
        return found

    def _allowed(self, node: ast.expr) -> bool:
        allowed, _lower = self.classifier.context_allows(node)
        return allowed


def _shown(node: ast.expr, source: str) -> str:
    return (ast.get_source_segment(source, node) or "").replace("\n", " ")


def _line_offsets(source: str) -> list[int]:
    offsets, total = [], 0
    for line in source.splitlines(keepends=True):
        offsets.append(total)
        total += len(line)
    offsets.append(total)
    return offsets


def _col(source: str, offsets: list[int], line: int, col: int) -> int:
    # ast columns count UTF-8 bytes; the edits work on characters.
    text = source[offsets[line - 1] : offsets[line]]
    return len(text.encode("utf-8")[:col].decode("utf-8"))


SCOPES = (
    ast.Module,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """Return the nodes of ``scope`` that are not inside a scope nested in it."""
    found: list[ast.AST] = []
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, SCOPES):
            # A nested function's defaults and decorators belong to this scope; its body not.
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                todo.extend(d for d in [*node.args.defaults, *node.args.kw_defaults] if d)
            if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
                todo.append(node.generators[0].iter)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return [n for n in found if n is not None]


def _calls_words(scope: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
        for n in ast.walk(scope)
    )


def _rename_throwaways(source: str) -> str:
    """Rename the throwaway variable ``_`` to ``__`` where it would hide ``_()``."""
    tree = ast.parse(source)
    offsets = _line_offsets(source)
    spots: set[tuple[tuple[int, int], str]] = set()
    for scope in ast.walk(tree):
        if not isinstance(scope, SCOPES):
            continue
        own = _own_nodes(scope)
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            own += [a for a in ast.walk(scope.args) if isinstance(a, ast.arg)]
        if isinstance(scope, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
            own += [n for g in scope.generators for n in ast.walk(g.target)]
        binds = [
            n
            for n in own
            if (isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store))
            or (isinstance(n, ast.arg) and n.arg == "_")
        ]
        if not binds or not (isinstance(scope, ast.Module) or _calls_words(scope)):
            continue
        # Each binding its own name, so that a type checker never sees one name with two types.
        ordered = sorted(binds, key=lambda n: (n.lineno, n.col_offset))  # type: ignore[attr-defined]
        spots.update(
            ((n.lineno, n.col_offset), "_" * (2 + i))  # type: ignore[attr-defined]
            for i, n in enumerate(ordered)
        )
        spots.update(
            ((n.lineno, n.col_offset), "__")
            for n in ast.walk(scope)
            if isinstance(n, ast.Name)
            and n.id == "_"
            and isinstance(n.ctx, ast.Load)
            and not _is_call_target(tree, n)
        )
    for (line, col), new in sorted(spots, reverse=True):
        at = offsets[line - 1] + _col(source, offsets, line, col)
        source = source[:at] + new + source[at + 1 :]
    return source


def _is_call_target(tree: ast.AST, name: ast.Name) -> bool:
    return any(isinstance(n, ast.Call) and n.func is name for n in ast.walk(tree))


def _add_import(source: str, names: set[str]) -> str:
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "dutchfarm.words":
            have = {a.name for a in node.names}
            if names <= have:
                return source
            lines = source.splitlines(keepends=True)
            start, end = node.lineno - 1, node.end_lineno or node.lineno
            joined = ", ".join(sorted(have | names, key=lambda n: (n != "_", n)))
            lines[start:end] = [f"from dutchfarm.words import {joined}\n"]
            return "".join(lines)
    last = 0
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            last = node.end_lineno or node.lineno
        elif last or not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            break
    lines = source.splitlines(keepends=True)
    joined = ", ".join(sorted(names, key=lambda n: (n != "_", n)))
    lines.insert(last, f"from dutchfarm.words import {joined}\n")
    return "".join(lines)


def rewrite(path: str, source: str) -> tuple[str, int, list[Finding]]:
    """Return the file's new source, how many literals were wrapped, and what was left."""
    total, used = 0, set()
    unhandled: list[Finding] = []
    for _round in range(6):  # words inside moved expressions are wrapped on the next round
        rewriter = Rewriter(path, source)
        edits = rewriter.edits()
        unhandled = rewriter.unhandled
        if not edits:
            break
        for start, end, new in sorted(edits, reverse=True):
            source = source[:start] + new + source[end:]
        total += rewriter.count
        used |= rewriter.used
    calls = {
        n.func.id
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in WORD_CALLS
    }
    if calls:
        source = _add_import(_rename_throwaways(source), calls)
    return source, total, unhandled


def findings(root: Path = ROOT) -> list[Finding]:
    """Return every literal people read that is not wrapped, in the places people read."""
    found = []
    for file in target_files(root):
        path = file.relative_to(root).as_posix()
        source = file.read_text(encoding="utf-8")
        classifier = Classifier(path, source, ast.parse(source))
        found += [
            Finding(path, node.lineno, _shown(node, source)) for node in classifier.unwrapped()
        ]
    return found


def main(argv: list[str]) -> int:
    """Wrap the strings in place (or, with --check, only list those still to wrap)."""
    if "--check" in argv:
        left = findings()
        for finding in left:
            print(finding.advice())
        return 1 if left else 0
    wrapped = 0
    for file in target_files():
        path = file.relative_to(ROOT).as_posix()
        source = file.read_text(encoding="utf-8")
        new, count, unhandled = rewrite(path, source)
        for finding in unhandled:
            print(f"{finding.path}:{finding.line}: left as it is: {finding.text[:80]}")
        if new != source:
            file.write_text(new, encoding="utf-8")
            wrapped += count
    print(f"Wrapped {wrapped} strings.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
