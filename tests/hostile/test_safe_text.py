"""warehouse/safe_text.py: the one helper that makes untrusted text inert, given -> expected."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from warehouse.safe_text import (
    CSV_TRIGGERS,
    WORD_JOINER,
    csv_cell,
    csv_neutralise_sql,
    filename_part,
    frame_to_csv,
    markdown_link,
    markdown_text,
    neutralise_csv_frame,
    plain_text,
    safe_url,
)

WJ = WORD_JOINER


@pytest.mark.parametrize("given, expected", [
    (None, ""),
    ("", ""),
    (float("nan"), ""),
    (pd.NA, ""),
    ("Python", "Python"),
    (42, "42"),
    ("C++", r"C\+\+"),
    ("C#", r"C\#"),
    ("Node.js", r"Node\.js"),
    ("![x](http://attacker.invalid/beacon.png)",
     r"\!\[x\]\(http\:" + WJ + r"\/\/attacker\.invalid\/beacon\.png\)"),
    ("[Sign in again](http://attacker.invalid/phish)",
     r"\[Sign in again\]\(http\:" + WJ + r"\/\/attacker\.invalid\/phish\)"),
    ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
    ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
    ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
    ("**bold** _it_ ~~no~~ `code`", r"\*\*bold\*\* \_it\_ \~\~no\~\~ \`code\`"),
    ("# heading", r"\# heading"),
    ("- item", r"\- item"),
    ("1. item", r"1\. item"),
    ("> quote", r"\> quote"),
    ("a | b", r"a \| b"),
    ("$x^2$", r"\$x\^2\$"),
    ("&amp; &#91;", r"\&amp\; \&\#91\;"),
    (":red[red] :material/home: :smile:", r"\:red\[red\] \:material\/home\: \:smile\:"),
    ("back\\slash", r"back\\slash"),
    # GFM autolinks are made after escapes are resolved: a word joiner breaks each pattern.
    ("see https://x.example/a", r"see https\:" + WJ + r"\/\/x\.example\/a"),
    ("WWW.example.com", "WWW" + WJ + r"\.example\.com"),
    ("mail me@host.example", r"mail me\@" + WJ + r"host\.example"),
    # One line: every line break (and tab) is one space; bidi controls and C0 controls go.
    ("line one\nline two\r\n# three\u2028four", r"line one line two \# three four"),
    ("a\tb", "a b"),
    ("\u202eexe.fdp", r"exe\.fdp"),
    ("x\u2066y\u2069z\x00\x07", "xyz"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
])
def test_markdown_text(given, expected):
    assert markdown_text(given) == expected


def test_markdown_text_escapes_every_ascii_punctuation_character():
    punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    assert markdown_text(punctuation) == "".join("\\" + ch for ch in punctuation)


def test_markdown_text_shortens_before_escaping():
    assert markdown_text("a" * 10 + "[", max_chars=5) == "aaaa…"
    assert markdown_text("abc.[", max_chars=5) == r"abc\.\["
    assert markdown_text("abcd.[", max_chars=5) == r"abcd…"


def test_markdown_text_multi_line_keeps_paragraphs_and_never_indents():
    given = "  # title\n\n\n\n    indented code?\n- item\r\nlast"
    assert markdown_text(given, one_line=False) == "\\# title\n\nindented code\\?  \n\\- item  \nlast"


@pytest.mark.parametrize("given, expected", [
    (None, ""),
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),  # shown as text as it is
    ("![x](http://a.invalid/b.png)", "![x](http://a.invalid/b.png)"),
    ("a\nb\r\nc\u2029d\te", "a b c d e"),
    ("  spaced   out  ", "spaced out"),
    ("\u202eRTL\u202c", "RTL"),
    ("bell\x07", "bell"),
])
def test_plain_text(given, expected):
    assert plain_text(given) == expected


def test_plain_text_shortens_with_an_ellipsis():
    assert plain_text("abcdefghij", max_chars=5) == "abcd…"
    assert plain_text("abcde", max_chars=5) == "abcde"


@pytest.mark.parametrize("given, expected", [
    ("https://jobs.example.org/posting/1?ref=x#y", "https://jobs.example.org/posting/1?ref=x#y"),
    ("http://example.com", "http://example.com"),
    ("HTTPS://EXAMPLE.COM/A", "HTTPS://EXAMPLE.COM/A"),
    ("  https://example.com/a  ", "https://example.com/a"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox(1)", None),
    ("file:///etc/passwd", None),
    ("mailto:a@b.example", None),
    ("ftp://example.com/x", None),
    ("//example.com/x", None),
    ("/relative/path", None),
    ("example.com", None),
    ("http://", None),
    ("http:///x", None),
    ("http:\\\\attacker.invalid", None),
    ("http://bank.example@attacker.invalid/login", None),
    ("http://user:pass@example.com/", None),
    ("http://example.com/a b", None),
    ("http://example.com/\u202e", None),
    ("http://example.com:99999/", None),
    ("http://" + "a" * 2050 + ".example", None),
    (None, None),
    (42, None),
])
def test_safe_url(given, expected):
    assert safe_url(given) == expected


def test_markdown_link_escapes_text_and_encodes_the_destination():
    assert markdown_link("ESCO concept ↗", "http://data.europa.eu/esco/skill/abc-1") == \
        "[ESCO concept ↗](http://data.europa.eu/esco/skill/abc-1)"
    # A URI that passes a prefix check but would close the link and open an image:
    hostile = "http://data.europa.eu/esco/skill/x)![e](http://attacker.invalid/esco.png)"
    assert markdown_link("ESCO", hostile) == \
        "[ESCO](http://data.europa.eu/esco/skill/x%29%21%5Be%5D%28http://attacker.invalid/esco.png%29)"
    assert markdown_link("[x](y)", "javascript:alert(1)") == r"\[x\]\(y\)"


@pytest.mark.parametrize("given, expected", [
    ('=HYPERLINK("http://attacker.invalid","x")', '\'=HYPERLINK("http://attacker.invalid","x")'),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Python", "Python"),
    (" =1+1", " =1+1"),
    ("", ""),
    (-2, -2),
    (-2.5, -2.5),
    (None, None),
])
def test_csv_cell(given, expected):
    assert csv_cell(given) == expected


def test_neutralise_csv_frame_touches_text_only():
    df = pd.DataFrame({
        "title": ["=1+1", "ok", None],
        "amount": [-2, 3, 4],
        "ratio": [-0.5, 0.1, float("nan")],
        "tags": [["=x", "y"], [], None],
        "kind": pd.Categorical(["-a", "b", "-a"]),
        "text": pd.array(["@x", "y", None], dtype="string"),
    })
    out = neutralise_csv_frame(df)
    assert out["title"].tolist()[:2] == ["'=1+1", "ok"] and out["title"].isna().iloc[2]
    assert out["amount"].tolist() == [-2, 3, 4] and out["amount"].dtype == df["amount"].dtype
    assert out["ratio"].iloc[0] == -0.5
    assert out["kind"].tolist() == ["'-a", "b", "'-a"]
    assert out["text"].tolist()[:2] == ["'@x", "y"]
    assert df["title"].iloc[0] == "=1+1"  # a copy: the caller's frame is unchanged
    rows = list(csv.reader(io.StringIO(out.to_csv(index=False))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(CSV_TRIGGERS) or cell.lstrip("-").replace(".", "", 1).isdigit(), cell


def test_frame_to_csv_quotes_a_bare_carriage_return_so_no_row_splits():
    df = pd.DataFrame({"a": ["x\r=1+1", "\r=2", "y\n@3"], "n": [-1, 2, 3]})
    rows = list(csv.reader(io.StringIO(frame_to_csv(df), newline="")))
    assert rows == [["a", "n"], ["x\r=1+1", "-1"], ["'\r=2", "2"], ["y\n@3", "3"]]
    # What pandas writes by default: the CR is left bare and "=1+1" becomes a cell of its own.
    naive = list(csv.reader(io.StringIO(df.to_csv(index=False), newline="")))
    assert ["=1+1", "-1"] in naive


def test_csv_neutralise_sql_follows_the_same_rule():
    import duckdb

    values = ['=HYPERLINK("x")', "@SUM(1)", "+1", "-2+3", "\t=1", "\r=1", "fine", "'quoted", None]
    con = duckdb.connect()
    got = [r[0] for r in con.execute(
        f"SELECT {csv_neutralise_sql('v')} FROM (SELECT unnest(?::VARCHAR[]) AS v, generate_subscripts(?::VARCHAR[], 1) AS i) ORDER BY i",
        [values, values]).fetchall()]
    assert got == [csv_cell(v) for v in values]


@pytest.mark.parametrize("given, expected", [
    ("Python", "python"),
    ("C++", "c++"),
    ("C#", "c#"),
    ("Node.js", "node-js"),
    ("../../etc/passwd", "etc-passwd"),
    ("<img src=x onerror=alert(1)>", "img-src-x-onerror-alert-1"),
    ("Déjà vu", "deja-vu"),
    ("", "item"),
    ("!!!", "item"),
    ("a" * 100, "a" * 60),
])
def test_filename_part(given, expected):
    assert filename_part(given) == expected
