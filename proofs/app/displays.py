"""Long formulas as display lines: broken where a reader expects, measured by TeX, never below a minimum scale.

:func:`display` offers TeX a formula on one line and in up to nine broken layouts (at ``=``, at a sum's
top-level terms, numerator over denominator, inside a long parenthesis, a wide matrix entry by entry);
the report's ``\\cfdisplay`` macro measures each and takes the first that fits at :data:`GOOD_SCALE` or
more, else the first at :data:`MIN_SCALE`, and writes the scale it used to TeX's log
(``closedform-scale: KEY SCALE``), which :func:`scales_in_log` reads back.  A formula too large to show
(:data:`OMIT_LINE` characters in one unbreakable piece, or :data:`OMIT_TOTAL` in all) is described
instead, with a pointer to ``closedform show KEY``.
"""

from __future__ import annotations

import functools
import re

from proofs.core.markup import latex_escape

__all__ = ["GOOD_SCALE", "MIN_SCALE", "OMIT_LINE", "OMIT_TOTAL", "break_lines", "display", "scales_in_log"]

#: the smallest scale a formula is ever typeset at, and the scale below which a broken layout is preferred
MIN_SCALE = 0.7
GOOD_SCALE = 0.8
#: a formula is described instead of shown when a piece of it that cannot be broken is longer than
#: OMIT_LINE characters of LaTeX, or the whole is longer than OMIT_TOTAL (a page or more of display)
OMIT_LINE = 2000
OMIT_TOTAL = 5000


# --- breaking a formula into display lines ------------------------------------------------------------
#
# The formulas arrive as SymPy's LaTeX (or LaTeX written by hand): a sum is "a + b - c" with spaces around
# its top-level signs, an equation "lhs = rhs", a matrix "\left[\begin{matrix}..\end{matrix}\right]", a
# fraction "\frac{..}{..}".  "Top level" means outside every brace group, \left..\right pair and
# \begin..\end environment.

_CMD = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)
_SUM = re.compile(r"(?<=\S) ([+-]) (?=\S)")
_REL = re.compile(r"\s*(=|\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|\\neq?(?![A-Za-z])|\\approx(?![A-Za-z])"
                  r"|\\equiv(?![A-Za-z])|<|>)\s*")
_MATRIX = re.compile(r"\\left\[\s*\\begin\{(matrix|array)\}(\{[lcr|]*\})?(.*)\\end\{\1\}\s*\\right\]\Z",
                     re.DOTALL)
_WORDS = {"log", "ln", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh", "det", "max", "min", "arg", "lim",
          "sup", "inf", "deg", "dim", "gcd", "Re", "Im", "atan", "arctan", "sign", "tr", "diag", "erf",
          "erfc"}
_OPS = {"cdot", "times", "leq", "geq", "le", "ge", "neq", "ne", "approx", "to", "mapsto", "equiv", "sim",
        "in", "pm", "mp", "rightarrow", "Rightarrow", "simeq", "propto", "sum", "prod", "int", "oint",
        "bigcup", "bigcap"}
_SPACES = {"quad": 2.0, "qquad": 4.0, ",": 0.3, ";": 0.5, ":": 0.4, "!": -0.3, " ": 0.5}
_SILENT = {"left", "right", "displaystyle", "textstyle", "limits", "nolimits", "bigl", "bigr", "Bigl", "Bigr",
           "big", "Big", "bigg", "Bigg", "biggl", "biggr", "Biggl", "Biggr", "mathrm", "mathbf", "mathit",
           "mathsf", "mathcal", "mathbb", "boldsymbol", "mathtt", "mathop", "allowbreak"}


@functools.lru_cache(maxsize=1 << 12)
def _top_mask(tex: str) -> tuple[bool, ...]:
    """For each character of ``tex``: is it at the top level (outside groups, \\left..\\right pairs and
    environments)?"""
    mask = [False] * len(tex)
    depth, i = 0, 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            m = _CMD.match(tex, i)
            assert m is not None
            for k in range(i, m.end()):
                mask[k] = depth == 0
            if m.group(1) in ("left", "begin"):
                depth += 1
            elif m.group(1) in ("right", "end"):
                depth -= 1
            i = m.end()
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        else:
            mask[i] = depth == 0
        i += 1
    return tuple(mask)


def _split(tex: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """``tex`` cut at the top-level matches of ``pattern`` (group 1 is the separator kept):
    ``[("", first), (sep, piece), ...]``."""
    mask = _top_mask(tex)
    out, start, sep = [], 0, ""
    for m in pattern.finditer(tex):
        if not mask[m.start(1)] or m.start() == 0:
            continue
        piece = tex[start:m.start()].strip()
        if not piece:
            continue
        out.append((sep, piece))
        start, sep = m.end(), m.group(1)
    out.append((sep, tex[start:].strip()))
    return [(s, p) for s, p in out if p] if len(out) > 1 else [("", tex.strip())]


def _group(tex: str, i: int) -> int:
    """The index just after the brace group that opens at ``tex[i] == "{"``."""
    depth = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        i += 1
        if depth == 0:
            return i
    return len(tex)


def _arg(tex: str, i: int) -> tuple[str, int]:
    """The argument of a command or script at ``i``: a brace group, a command or one character."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i >= len(tex):
        return "", i
    if tex[i] == "{":
        end = _group(tex, i)
        return tex[i + 1:end - 1], end
    if tex[i] == "\\":
        m = _CMD.match(tex, i)
        assert m is not None
        return m.group(0), m.end()
    return tex[i], i + 1


def _cells(body: str) -> list[list[str]]:
    """The entries of a matrix body, row by row."""
    mask = _top_mask(body)
    rows, row, start = [], [], 0
    i = 0
    while i < len(body):
        if mask[i] and body.startswith("\\\\", i):
            row.append(body[start:i])
            rows.append(row)
            row, i = [], i + 2
            start = i
            continue
        if mask[i] and body[i] == "&":
            row.append(body[start:i])
            start = i + 1
        i += 1
    row.append(body[start:])
    rows.append(row)
    # the core writes "\\{}[" so that a row starting with "[" is not read as "\\[..]"; display style is
    # set again where the entries are shown
    return [[_CELL_HEAD.sub("", cell.strip()).strip() for cell in r] for r in rows if any(c.strip() for c in r)]


_CELL_HEAD = re.compile(r"^(?:\{\}\s*|\[[0-9.]+pt\]\s*|\\displaystyle(?![A-Za-z])\s*)+")


def _matrix(tex: str) -> list[list[str]] | None:
    """The entries of ``tex`` when it is one bracketed matrix, else None."""
    m = _MATRIX.match(tex.strip())
    if m is None:
        return None
    mask = _top_mask(tex.strip())
    if any(mask[len("\\left"):-1]):  # "\left[..\right] + \left[..\right]": two matrices, not one
        return None
    cells = _cells(m.group(3))
    return cells if cells and len({len(r) for r in cells}) == 1 else None


def _frac(tex: str) -> tuple[str, str, str] | None:
    """``(sign, numerator, denominator)`` when ``tex`` is one (possibly negated) fraction, else None."""
    m = re.match(r"(-\s*)?\\frac\s*\{", tex)
    if m is None:
        return None
    mid = _group(tex, m.end() - 1)
    if mid >= len(tex) or tex[mid] != "{":
        return None
    end = _group(tex, mid)
    if tex[end:].strip():
        return None
    return ("-" if m.group(1) else ""), tex[m.end():mid - 1], tex[mid + 1:end - 1]


@functools.lru_cache(maxsize=1 << 16)
def _vis(tex: str) -> float:
    """A rough printed width of ``tex`` in display style, in units of about one letter."""
    total, i = 0.0, 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            m = _CMD.match(tex, i)
            assert m is not None
            name, i = m.group(1), m.end()
            if name in ("frac", "dfrac", "tfrac", "binom"):
                a, i = _arg(tex, i)
                b, i = _arg(tex, i)
                total += max(_vis(a), _vis(b)) + 0.6
            elif name == "begin":
                env, i = _arg(tex, i)
                close = tex.find(f"\\end{{{env}}}", i)
                close = len(tex) if close < 0 else close
                body = tex[i:close]
                if body.startswith("{"):  # array column spec
                    body = body[_group(body, 0):]
                cols = list(zip(*_cells(body))) if body.strip() else []
                total += sum(max(_vis(c) for c in col) + 1.5 for col in cols) + 1.0
                i = close + len(f"\\end{{{env}}}")
            elif name in ("text", "textrm", "textit", "texttt", "textbf", "mbox", "operatorname"):
                a, i = _arg(tex, i)
                total += 0.9 * len(a) if name != "operatorname" else _vis(a) + 0.4
            elif name == "sqrt":
                if tex.startswith("[", i):
                    i = tex.find("]", i) + 1 or len(tex)
                a, i = _arg(tex, i)
                total += _vis(a) + 1.2
            elif name in _SPACES:
                total += _SPACES[name]
            elif name in _SILENT:
                pass
            elif name in _WORDS:
                total += 0.85 * len(name) + 0.3
            elif name in _OPS:
                total += 2.0
            else:
                total += 1.0
            continue
        if c in "^_":
            a, i = _arg(tex, i + 1)
            total += 0.72 * _vis(a)
            continue
        if c == "{":
            end = _group(tex, i)
            total += _vis(tex[i + 1:end - 1])
            i = end
            continue
        if c in "+-=<>":
            total += 2.1
        elif c in ",;":
            total += 0.6
        elif c in "()[]|/":
            total += 0.75
        elif not c.isspace() and c not in "}&":
            total += 1.0
        i += 1
    return total


def _simple_name(name: str) -> bool:
    """A name that takes a subscript as it is (``A``, ``\\lambda``, ``\\bar{A}``); others get parentheses."""
    return _SIMPLE_NAME.fullmatch(name) is not None


_SIMPLE_NAME = re.compile(r"(?:[A-Za-z]|\\[A-Za-z]+)(?:\{[A-Za-z]\})?|\\[A-Za-z]+\{\\?[A-Za-z]+\}")


def _entry_label(name: str | None, i: int, j: int, rows: int, cols: int) -> str:
    index = f"{i + 1}" if cols == 1 else f"{j + 1}" if rows == 1 else f"{i + 1},{j + 1}"
    if not name:
        return rf"\text{{entry }}{index}\colon\quad" if (cols == 1 or rows == 1) else \
            rf"\text{{entry }}({index})\colon\quad"
    head = name if _simple_name(name) else rf"\left({name}\right)"
    return rf"{head}_{{{index}}} ="


def _lines(tex: str, width: float) -> list[tuple[int, str]]:
    """``tex`` as display lines no wider than about ``width`` (see :func:`_vis`) where it can be broken:
    ``(0, line)`` starts a statement, ``(1, line)`` continues it."""
    tex = tex.strip()
    if _vis(tex) <= width:
        return [(0, tex)]
    sides = _split(tex, _REL)
    if len(sides) > 1:
        if len(sides) == 2 and (cells := _matrix(sides[1][1])) is not None:
            # lhs = [matrix]: entry by entry, named after lhs (or after lhs's own entries)
            names = _matrix(sides[0][1])
            rows, cols = len(cells), len(cells[0])
            same = names is not None and len(names) == rows and all(len(r) == cols for r in names)
            out: list[tuple[int, str]] = []
            for i in range(rows):
                for j in range(cols):
                    label = f"{names[i][j]} {sides[1][0]}" if same and names else \
                        _entry_label(sides[0][1], i, j, rows, cols).replace(" =", f" {sides[1][0]}")
                    out.extend(_labelled(label, cells[i][j], width))
            return out
        chunks = []
        for op, side in sides:
            for k, (sign, term) in enumerate(_split(side, _SUM)):
                chunks.append((op if k == 0 else sign, term))
        return _pack(chunks, width)
    terms = _split(tex, _SUM)
    if len(terms) > 1:
        return _pack(terms, width)
    cells = _matrix(tex)
    if cells is not None:
        rows, cols = len(cells), len(cells[0])
        out = []
        for i in range(rows):
            for j in range(cols):
                out.extend(_labelled(_entry_label(None, i, j, rows, cols), cells[i][j], width))
        return out
    frac = _frac(tex)
    if frac is not None:
        sign, num, den = frac
        if max(_vis(num), _vis(den)) < 12:  # a small fraction stays whole
            return [(0, tex)]
        if _vis(den) <= 8 and _vis(num) > max(width, 16.0):
            # a long numerator over a short denominator: 1/den in front of the numerator, broken as it is
            # (in parentheses when it is a sum); a numerator that is one product keeps its integer
            # coefficient on the fraction: 2 (x + y) / w  ->  2/w (x + y)
            coefficient = re.match(r"(\d+)\s+(?=\S)", num) if len(_split(num, _SUM)) == 1 else None
            over, num = (coefficient.group(1), num[coefficient.end():]) if coefficient else ("1", num)
            if len(_split(num, _SUM)) > 1:
                num = rf"\left({num}\right)"
            return _lines(rf"{sign} \frac{{{over}}}{{{den}}} {num}".strip(), width)
        # (numerator) / (denominator), each broken as it needs
        top = _wrap([s for _, s in _lines(num, width - 3)], "(", ")")
        bottom = _wrap([s for _, s in _lines(den, width - 4)], "(", ")")
        top[0] = f"{sign} {top[0]}".strip()
        bottom[0] = r"\Big/ " + bottom[0]
        return [(0, top[0])] + [(1, s) for s in top[1:] + bottom]
    group = _paren_group(tex)
    if group is not None:
        head, inner, tail = group
        body = [s for _, s in _lines(inner, width - 3)]
        if len(body) == 1:  # the factor fits a line of its own
            times = "" if re.search(r"\\(cdot|times)\s*$", head) else r"\cdot"
            return [(0, head), (1, rf"{times}\left({body[0]}\right) {tail}".strip())] if head else [(0, tex)]
        body = _wrap(body, "(", ")")
        body[0] = f"{head} {body[0]}".strip()
        body[-1] = f"{body[-1]} {tail}".strip()
        return [(0, body[0])] + [(1, s) for s in body[1:]]
    return [(0, tex)]


def _labelled(label: str, tex: str, width: float) -> list[tuple[int, str]]:
    """``label tex`` broken into lines, the label kept on the first."""
    sub = _lines(tex, width - _vis(label) - 1)
    return [(0, f"{label} {sub[0][1]}")] + [(1, s) for _, s in sub[1:]]


def _wrap(lines: list[str], left: str, right: str) -> list[str]:
    """Delimiters around lines of one formula: \\left..\\right on each end line, sized to that line."""
    if len(lines) == 1:
        return [rf"\left{left} {lines[0]} \right{right}"]
    return [rf"\left{left} {lines[0]} \right."] + lines[1:-1] + [rf"\left. {lines[-1]} \right{right}"]


def _paren_group(tex: str) -> tuple[str, str, str] | None:
    """The widest top-level ``\\left( .. \\right)`` holding a sum: (before, inside, after)."""
    mask = _top_mask(tex)
    best = None
    for m in re.finditer(r"\\left\(", tex):
        if not mask[m.start()]:
            continue
        close = next((k for k in range(m.end(), len(tex)) if mask[k]), None)
        if close is None or not tex[:close].endswith("\\right") or tex[close] != ")":
            continue
        inner = tex[m.end():close - len("\\right")]
        if len(_split(inner, _SUM)) > 1 and (best is None or len(inner) > len(best[1])):
            best = (tex[:m.start()].strip(), inner.strip(), tex[close + 1:].strip())
    return best


def _pack(chunks: list[tuple[str, str]], width: float) -> list[tuple[int, str]]:
    """Terms with their leading operator (``("+", "x")``) packed greedily into lines of about ``width``."""
    lines: list[str] = []
    cur, cur_w = "", 0.0
    for op, body in chunks:
        piece = f"{op} {body}".strip()
        piece_w = _vis(piece)
        if piece_w > width:
            merge = bool(cur) and cur_w < width / 3
            room = width - 2 - (cur_w + 1 if merge else 0)
            sub = [s for _, s in _lines(body, room)]
            if len(sub) > 1:
                first = f"{op} {sub[0]}".strip()
                if merge:
                    first = f"{cur} {first}"
                elif cur:
                    lines.append(cur)
                lines.append(first)
                lines.extend(sub[1:-1])
                cur, cur_w = sub[-1], _vis(sub[-1])
                continue
        if cur and cur_w + piece_w > width:
            lines.append(cur)
            cur, cur_w = piece, piece_w
        else:
            cur, cur_w = (f"{cur} {piece}" if cur else piece), cur_w + piece_w
    if cur:
        lines.append(cur)
    return [(0, lines[0])] + [(1, s) for s in lines[1:]]


#: the line widths (in units of :func:`_vis`, ~5 pt; the line is ~95) of the broken layouts offered to TeX
_WIDTHS = (140.0, 115.0, 96.0, 82.0, 70.0, 58.0, 48.0, 40.0, 33.0)
#: a layout whose lines are estimated narrower than this fits the line: no more broken one is offered
_SURE = 60.0
#: a layout with a line estimated wider than this is not offered (TeX's dimensions end at ~16000 pt)
_MAX_VIS = 700.0


def break_lines(tex: str) -> list[list[tuple[int, str]]]:
    """The layouts of one formula offered to TeX, from one line to the most broken (distinct ones only).

    Each layout is a list of ``(level, line)``: level 0 starts a statement (an equation, a matrix
    entry), level 1 continues it.  A wide ``name = [matrix]`` is shown entry by entry (``name_{1,2} = ..``).
    """
    layouts: list[list[tuple[int, str]]] = []
    for width in (None, *_WIDTHS):
        layout = [(0, tex.strip())] if width is None else _lines(tex, width)
        if layout not in layouts:
            layouts.append(layout)
        if max(_vis(line) for _, line in layout) <= _SURE:  # fits the line even if estimated 40% short
            break
    return layouts


_ENV = re.compile(r"\\begin\{(matrix|array)\}(\{[lcr|]*\})?")
_TALL = re.compile(r"\\(d?frac|sum|prod|int|binom)(?![A-Za-z])")


def _display_cells(tex: str) -> str:
    """``tex`` with the entries of a matrix of large fractions set in display style.

    In a matrix's text style the numerator and denominator of a fraction are set at script size, and
    a fraction inside them at the size of a subscript's subscript: unreadable for a matrix of rational
    functions.  A matrix with an entry holding a fraction inside a fraction, or a fraction of about a
    dozen letters or more, has all its fraction entries set in display style, its rows spaced apart.
    """
    out, i = [], 0
    for m in _ENV.finditer(tex):
        if m.start() < i:  # inside an environment already rewritten (nested ones are rewritten with it)
            continue
        close, depth, k = -1, 1, m.end()
        for e in re.finditer(r"\\(begin|end)\{(?:matrix|array)\}", tex[m.end():]):
            depth += 1 if e.group(1) == "begin" else -1
            if depth == 0:
                close, k = m.end() + e.start(), m.end() + e.end()
                break
        if close < 0:
            break
        rows = [[_display_cells(c) for c in row] for row in _cells(tex[m.end():close])]
        if any(_big_fraction(c) for row in rows for c in row):
            rows = [[rf"\displaystyle {c}" if _TALL.search(c) else c for c in row] for row in rows]
            body = r" \\[6pt] ".join(" & ".join(row) for row in rows)
        else:  # "{}": a row that starts with "[" is not read as the optional argument of "\\"
            body = r" \\{} ".join(" & ".join(row) for row in rows)
        out.append(tex[i:m.end()] + body + tex[close:k])
        i = k
    out.append(tex[i:])
    return "".join(out)


def _big_fraction(cell: str) -> bool:
    """Does a matrix entry hold a fraction within a fraction, or a fraction wider than a few letters?"""
    for m in re.finditer(r"\\d?frac\s*\{", cell):
        num_end = _group(cell, m.end() - 1)
        den_end = _group(cell, num_end) if cell.startswith("{", num_end) else num_end
        inner = cell[m.end() - 1:den_end]
        if _TALL.search(inner) or _vis(inner[1:-1]) >= 12:
            return True
    return False


def _omitted(what: str, chars: int, key: str) -> str:
    return (rf"\text{{[{what}; {chars} characters of \LaTeX, too long to display; "
            rf"\texttt{{closedform show {key}}} prints it whole]}}")


def display(tex: str, key: str) -> str:
    """A display of the formula ``tex`` that TeX fits to the line (see the module's docstring).

    ``key`` (``RESULT-KEY/what``) names the display in TeX's log.
    """
    tex = tex.strip()
    # the core's description of a formula it did not render: point to the command that shows it
    result = latex_escape(key.split("/")[0])
    pointer = rf"omitted here; \texttt{{closedform show {result}}} prints it whole]}}"
    tex = tex.replace("omitted here]}", pointer)
    if _TALL.search(tex):
        tex = _display_cells(tex)
    layouts = [] if len(tex) > OMIT_TOTAL else break_lines(tex) if tex else [[(0, "")]]
    layouts = [lay for lay in layouts if max(_vis(s) for _, s in lay) <= _MAX_VIS]
    worst = min((max(len(s) for _, s in lay) for lay in layouts), default=len(tex))
    if not layouts or worst > OMIT_LINE or len(tex) > OMIT_TOTAL:
        what = "matrix" if _matrix(tex) is not None else "formula"
        layouts = [[(0, _omitted(what, len(tex), result))]]
    body = []
    for lay in layouts:
        if len(lay) == 1:
            body.append(rf"\cflayout{{\cfone{{{lay[0][1]}}}}}")
        else:
            body.append(r"\cflayout{" + "".join(rf"\cf{'lm'[lvl]}{{{s}}}" for lvl, s in lay) + "}")
    return rf"\cfdisplay{{{key}}}{{%" + "\n" + "%\n".join(body) + "}\n"


def scales_in_log(log: str) -> dict[str, float]:
    """The scale of each display, as :func:`display` wrote it to TeX's log (``closedform-scale: KEY S``).

    A display that did not fit even at :data:`MIN_SCALE` logs the (smaller) scale it would have needed.
    """
    found = re.finditer(r"^closedform-scale: (\S+) ([0-9.]+)", log, re.MULTILINE)
    return {m.group(1): float(m.group(2)) for m in found}
