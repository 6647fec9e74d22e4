"""Text elements in AppTest: Streamlit 1.67's parameters, values and attribute names."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import tidal as st


def run(app_test, source: str):
    at = app_test(source)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def error_of(app_test, source: str) -> str:
    at = app_test(source)
    at.run()
    assert len(at.exception) == 1
    return at.exception[0].value


# ------------------------------------------------------------------ bodies


def test_markdown_body_is_dedented_and_stripped_like_streamlit(app_test):
    at = run(
        app_test,
        '''
        import tidal as st
        st.markdown("""
            # Title
              indented
            text
        """)
    ''',
    )
    assert at.markdown[0].value == "# Title\n  indented\ntext"


@pytest.mark.parametrize("fn", ["caption", "text", "error", "warning", "info", "success"])
def test_every_text_body_is_dedented(app_test, fn):
    at = run(
        app_test,
        f'''
        import tidal as st
        st.{fn}("""
            a
              b
        """)
    ''',
    )
    assert at.get(fn)[0].value == "a\n  b"


def test_a_non_string_body_is_shown_as_its_str(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.markdown(42)
        st.text(3.5)
    """,
    )
    assert at.markdown[0].value == "42"
    assert at.text[0].value == "3.5"


def test_write_of_strings_is_one_dedented_markdown_element(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.write("  **a**", "b  ", unsafe_allow_html=True)
    """,
    )
    assert at.markdown[0].value == "**a** b"
    assert at.markdown[0].allow_html is True


# ------------------------------------------------------------------ markdown and caption


def test_markdown_allow_html_and_is_caption(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.markdown("<b>x</b>")
        st.markdown("<b>y</b>", unsafe_allow_html=True)
        st.caption("small")
    """,
    )
    assert [m.allow_html for m in at.markdown] == [False, True]
    assert [m.is_caption for m in at.markdown] == [False, False]
    assert at.caption[0].is_caption is True
    assert at.caption[0].value == "small"


def test_markdown_takes_width_alignment_anchors_and_wrap(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.markdown("a", width=300, text_alignment="center", anchors=False, wrap=False, help="h")
        st.markdown("b")
    """,
    )
    a, b = at.markdown
    assert (a.props["width"], a.props["text_alignment"]) == (300, "center")
    assert (a.props["anchors"], a.props["wrap"], a.help) == (False, False, "h")
    assert (b.props["width"], b.props["text_alignment"], b.props["anchors"]) == (
        "auto",
        "left",
        True,
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.markdown("a", width="wide")', "Invalid width value: 'wide'"),
        ('st.markdown("a", width=0)', "Invalid width value: 0"),
        ('st.caption("a", width="auto")', "Invalid width value: 'auto'"),
        ('st.text("a", text_alignment="middle")', 'Invalid text_alignment value: "middle"'),
        ('st.divider(width="content")', "Invalid width value: 'content'"),
        ('st.code("a", height=-1)', "Invalid height value: -1"),
    ],
)
def test_bad_layout_options_raise_streamlits_error(app_test, call, message):
    assert message in error_of(app_test, f"import tidal as st\n{call}\n")


# ------------------------------------------------------------------ headings


def test_headings_have_streamlits_tag_anchor_and_hide_anchor(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.title("T", anchor="top")
        st.header("H")
        st.subheader("S", anchor=False)
    """,
    )
    assert [
        (h.tag, h.anchor, h.hide_anchor) for h in (at.title[0], at.header[0], at.subheader[0])
    ] == [
        ("h1", "top", False),
        ("h2", "", False),
        ("h3", "", True),
    ]


def test_anchor_true_is_refused_with_streamlits_message(app_test):
    assert "Anchor parameter has invalid value: True" in error_of(
        app_test, 'import tidal as st\nst.header("x", anchor=True)\n'
    )


def test_heading_icon_help_width_alignment_and_wrap(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.title("T", icon=":material/home:", help="tip", width="content",
                 text_alignment="right", wrap=False)
        st.header("H", icon="🔥")
        st.subheader("S", icon="")
    """,
    )
    t = at.title[0]
    assert (t.icon, t.props["help"], t.props["width"]) == (":material/home:", "tip", "content")
    assert (t.props["text_alignment"], t.props["wrap"]) == ("right", False)
    assert at.header[0].icon == "🔥"
    assert at.subheader[0].icon == ""


def test_divider_true_cycles_colours_heading_after_heading(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.header("a", divider=True)
        st.subheader("b", divider=True)
        st.header("c", divider="grey")
        st.header("d", divider=True)
        st.header("e")
    """,
    )
    colours = [h.divider for h in at.header] + [at.subheader[0].divider]
    assert colours == ["blue", "gray", "orange", "", "green"]


def test_divider_colours_are_the_same_on_every_rerun(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.header("a", divider=True)
        st.header("b", divider=True)
    """,
    )
    first = [h.divider for h in at.header]
    at.run()
    assert [h.divider for h in at.header] == first == ["blue", "green"]


def test_an_unknown_divider_colour_lists_the_colours(app_test):
    message = error_of(app_test, 'import tidal as st\nst.header("x", divider="pink")\n')
    assert "Divider parameter has invalid value: `pink`" in message
    assert "rainbow" in message


def test_title_has_no_divider_parameter_as_in_streamlit():
    assert "divider" not in inspect.signature(st.title).parameters


# ------------------------------------------------------------------ icons


@pytest.mark.parametrize(
    "icon", ["🚨", "✅", "👍🏽", "👩‍💻", "🇫🇷", "1️⃣", "❤️", ":material/thumb_up:"]
)
def test_valid_icons_are_accepted(app_test, icon):
    at = run(app_test, f"import tidal as st\nst.info('x', icon={icon!r})\n")
    assert at.info[0].icon == icon


@pytest.mark.parametrize(
    ("icon", "message"),
    [
        (":fire:", "is not a valid emoji. Shortcodes are not allowed"),
        ("ab", "is not a valid emoji"),
        ("🔥🔥", "is not a valid emoji"),
        (":material/no_such_icon_xyz:", "is not a valid Material icon"),
        (":materials/home:", "is not a valid Material icon"),
    ],
)
def test_bad_icons_raise_streamlits_error(app_test, icon, message):
    assert message in error_of(app_test, f"import tidal as st\nst.error('x', icon={icon!r})\n")


# ------------------------------------------------------------------ alerts


def test_alerts_take_icon_width_and_title(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.error("e", icon="🚨", title="Oops", width=400)
        st.warning("w")
        st.info("i", width="content")
        st.success("s", title="Done")
    """,
    )
    assert (at.error[0].icon, at.error[0].title, at.error[0].props["width"]) == ("🚨", "Oops", 400)
    assert (at.warning[0].icon, at.warning[0].title) == ("", None)
    assert at.info[0].props["width"] == "content"
    assert at.success[0].title == "Done"


# ------------------------------------------------------------------ code


def test_code_keeps_indentation_and_drops_one_newline_at_each_end(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.code('''
            if x:
                y()
        ''')
        st.code("\\n\\nkeep\\n\\n", height=None)
        """,
    )
    assert at.code[0].value == "    if x:\n        y()"
    assert at.code[1].value == "\nkeep\n"
    assert at.code[1].props["height"] == "content"


def test_code_has_language_line_numbers_wrap_height_and_width(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.code("x = 1")
        st.code("SELECT 1", "sql", line_numbers=True, wrap_lines=True, height=200, width=500)
        st.code("plain", language=None)
    """,
    )
    py, sql, plain = at.code
    assert (py.value, py.language, py.show_line_numbers) == ("x = 1", "python", False)
    assert (sql.language, sql.show_line_numbers, sql.props["wrap_lines"]) == ("sql", True, True)
    assert (sql.props["height"], sql.props["width"]) == (200, 500)
    assert plain.language == "plaintext"


# ------------------------------------------------------------------ latex, badge, divider, json


def test_latex_body_is_wrapped_in_double_dollars_like_streamlit(app_test):
    at = run(
        app_test,
        r"""
        import tidal as st
        st.latex(r'''
            a^2 + b^2 = c^2
        ''', help="Pythagoras")
    """,
    )
    assert at.latex[0].value == "$$\na^2 + b^2 = c^2\n$$"
    assert at.latex[0].help == "Pythagoras"


def test_badge_is_a_markdown_badge_directive(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.badge("New")
        st.badge("Done [x]", icon=":material/check:", color="green", help="tip")
    """,
    )
    assert [m.value for m in at.markdown] == [
        ":blue-badge[New]",
        ":green-badge[:material/check: Done \\[x\\]]",
    ]
    assert at.markdown[0].props["width"] == "content"
    assert at.markdown[1].help == "tip"


def test_badge_refuses_an_unknown_colour(app_test):
    assert "st.badge got color='pink'" in error_of(
        app_test, 'import tidal as st\nst.badge("x", color="pink")\n'
    )


def test_divider_value_is_three_dashes_like_streamlit(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.divider()
        st.divider(width=200)
    """,
    )
    assert [d.value for d in at.divider] == ["---", "---"]
    assert at.divider[1].props["width"] == 200


def test_json_takes_expanded_levels_and_width(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        st.json({"a": {"b": 1}}, expanded=1, width="content")
    """,
    )
    assert at.json[0].expanded == 1
    assert at.json[0].props["width"] == "content"


def test_exception_takes_width(app_test):
    at = app_test("""
        import tidal as st
        st.exception(ValueError("bad"), width=300)
    """)
    at.run()
    assert (at.exception[0].value, at.exception[0].props["width"]) == ("bad", 300)


# ------------------------------------------------------------------ html and iframe


def test_html_of_a_string_a_path_and_an_object(app_test, tmp_path: Path):
    (tmp_path / "page.html").write_text("<p>from file</p>")
    (tmp_path / "look.css").write_text("p { color: red }")
    at = run(
        app_test,
        f"""
        import tidal as st
        from pathlib import Path
        class Table:
            def _repr_html_(self):
                return "<table><tr><td>1</td></tr></table>"
            def __str__(self):
                return "not this"
        st.html("<b>hi</b>")
        st.html(Path({str(tmp_path / "page.html")!r}))
        st.html(Path({str(tmp_path / "look.css")!r}))
        st.html(Table())
        st.html("<script>alert(1)</script><i>x</i>", unsafe_allow_javascript=True, width=300)
    """,
    )
    values = [h.value for h in at.html]
    assert values == [
        "<b>hi</b>",
        "<p>from file</p>",
        "<style>p { color: red }</style>",
        "<table><tr><td>1</td></tr></table>",
        "<script>alert(1)</script><i>x</i>",
    ]
    assert [h.props["style_only"] for h in at.html] == [False, False, True, False, False]
    assert [h.props["unsafe_allow_javascript"] for h in at.html] == [False] * 4 + [True]
    assert at.html[4].props["width"] == 300


def test_html_refuses_empty_content(app_test):
    assert "st.html got empty HTML content" in error_of(
        app_test, 'import tidal as st\nst.html("  ")\n'
    )


def test_iframe_tells_urls_files_and_html_apart(app_test, tmp_path: Path):
    (tmp_path / "inner.html").write_text("<h1>inner</h1>")
    (tmp_path / "dot.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    at = run(
        app_test,
        f"""
        import tidal as st
        from pathlib import Path
        st.iframe("https://example.com", height=300, tab_index=-1, alt="Example")
        st.iframe("/app/static/report.html")
        st.iframe(Path({str(tmp_path / "inner.html")!r}))
        st.iframe({str(tmp_path / "dot.svg")!r})
        st.iframe("<p>raw html</p>", width=400)
    """,
    )
    frames = at.get("iframe")
    assert [(f.props["src"], f.props["srcdoc"]) for f in frames[:3]] == [
        ("https://example.com", None),
        ("/app/static/report.html", None),
        (None, "<h1>inner</h1>"),
    ]
    assert frames[0].props["height"] == 300
    assert (frames[0].props["tab_index"], frames[0].props["alt"]) == (-1, "Example")
    assert frames[3].props["src"].startswith("data:image/svg+xml;base64,")
    assert (frames[4].props["srcdoc"], frames[4].props["width"]) == ("<p>raw html</p>", 400)


# ------------------------------------------------------------------ handles and signatures


def test_every_text_function_returns_a_handle_that_replaces_in_place(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        slot = st.badge("a")
        slot.latex("x")
        h = st.html("<i>1</i>")
        h.code("y")
    """,
    )
    assert len(at.main) == 2
    assert at.latex[0].value == "$$\nx\n$$"
    assert at.code[0].value == "y"


STREAMLIT_1_67 = {
    "echo": [("code_location", "'above'", "POSITIONAL_OR_KEYWORD")],
    "help": [
        ("obj", "<module 'streamlit'>", "POSITIONAL_OR_KEYWORD"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
    ],
    "title": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("anchor", "None", "POSITIONAL_OR_KEYWORD"),
        ("help", "None", "KEYWORD_ONLY"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("text_alignment", "'left'", "KEYWORD_ONLY"),
        ("wrap", "True", "KEYWORD_ONLY"),
    ],
    "header": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("anchor", "None", "POSITIONAL_OR_KEYWORD"),
        ("help", "None", "KEYWORD_ONLY"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("divider", "False", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("text_alignment", "'left'", "KEYWORD_ONLY"),
        ("wrap", "True", "KEYWORD_ONLY"),
    ],
    "subheader": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("anchor", "None", "POSITIONAL_OR_KEYWORD"),
        ("help", "None", "KEYWORD_ONLY"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("divider", "False", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("text_alignment", "'left'", "KEYWORD_ONLY"),
        ("wrap", "True", "KEYWORD_ONLY"),
    ],
    "markdown": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("unsafe_allow_html", "False", "POSITIONAL_OR_KEYWORD"),
        ("help", "None", "KEYWORD_ONLY"),
        ("width", "'auto'", "KEYWORD_ONLY"),
        ("text_alignment", "'left'", "KEYWORD_ONLY"),
        ("anchors", "True", "KEYWORD_ONLY"),
        ("wrap", "True", "KEYWORD_ONLY"),
    ],
    "caption": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("unsafe_allow_html", "False", "POSITIONAL_OR_KEYWORD"),
        ("help", "None", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("text_alignment", "'left'", "KEYWORD_ONLY"),
        ("wrap", "True", "KEYWORD_ONLY"),
    ],
    "text": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("help", "None", "KEYWORD_ONLY"),
        ("width", "'content'", "KEYWORD_ONLY"),
        ("text_alignment", "'left'", "KEYWORD_ONLY"),
        ("wrap", "True", "KEYWORD_ONLY"),
    ],
    "code": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("language", "'python'", "POSITIONAL_OR_KEYWORD"),
        ("line_numbers", "False", "KEYWORD_ONLY"),
        ("wrap_lines", "False", "KEYWORD_ONLY"),
        ("height", "'content'", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
    ],
    "json": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("expanded", "True", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
    ],
    "error": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("title", "None", "KEYWORD_ONLY"),
    ],
    "warning": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("title", "None", "KEYWORD_ONLY"),
    ],
    "info": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("title", "None", "KEYWORD_ONLY"),
    ],
    "success": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("title", "None", "KEYWORD_ONLY"),
    ],
    "exception": [
        ("exception", None, "POSITIONAL_OR_KEYWORD"),
        ("width", "'stretch'", "POSITIONAL_OR_KEYWORD"),
    ],
    "divider": [("width", "'stretch'", "KEYWORD_ONLY")],
    "latex": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("help", "None", "KEYWORD_ONLY"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
    ],
    "badge": [
        ("label", None, "POSITIONAL_OR_KEYWORD"),
        ("icon", "None", "KEYWORD_ONLY"),
        ("color", "'blue'", "KEYWORD_ONLY"),
        ("width", "'content'", "KEYWORD_ONLY"),
        ("help", "None", "KEYWORD_ONLY"),
    ],
    "html": [
        ("body", None, "POSITIONAL_OR_KEYWORD"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("unsafe_allow_javascript", "False", "KEYWORD_ONLY"),
    ],
    "iframe": [
        ("src", None, "POSITIONAL_OR_KEYWORD"),
        ("width", "'stretch'", "KEYWORD_ONLY"),
        ("height", "'content'", "KEYWORD_ONLY"),
        ("tab_index", "None", "KEYWORD_ONLY"),
        ("alt", "None", "KEYWORD_ONLY"),
    ],
}
"""Parameters of Streamlit 1.67's text functions: (name, repr of the default, kind)."""


@pytest.mark.parametrize("name", sorted(STREAMLIT_1_67))
def test_signature_matches_streamlit_1_67(name):
    params = inspect.signature(getattr(st, name)).parameters.values()
    got = [(p.name, None if p.default is p.empty else repr(p.default), p.kind.name) for p in params]
    # st.help's default is the framework itself: streamlit there, tidal here
    expected = [
        (n, d.replace("streamlit", "tidal") if d else d, k) for n, d, k in STREAMLIT_1_67[name]
    ]
    assert got == expected


# ------------------------------------------------------------------ echo and help


def test_echo_shows_the_block_code_above_what_it_shows(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        with st.echo():
            x = 1
            st.write("inside", x)

            # the end
        st.write("after")
        """,
    )
    kinds = [(e.type, e.value) for e in at.main.children.values()]
    assert kinds == [
        ("code", 'x = 1\nst.write("inside", x)\n\n# the end'),
        ("markdown", "inside `1`"),
        ("markdown", "after"),
    ]
    assert at.code[0].language == "python"


def test_echo_below_shows_the_code_after_the_output(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        with st.echo(code_location="below"):
            st.text("first")
        """,
    )
    assert [e.type for e in at.main.children.values()] == ["text", "code"]
    assert at.code[0].value == 'st.text("first")'


def test_help_describes_an_object(app_test):
    at = run(
        app_test,
        """
        import tidal as st
        def greet(name: str, loud: bool = False) -> str:
            '''Say hello to someone.'''
            return name
        st.help(greet)
        st.help([1, 2])
        st.help()
        """,
    )
    fn, lst, module = at.help
    assert fn.props["name"] == "greet(name: str, loud: bool = False) -> str"
    assert fn.name == fn.value == "greet"  # as Streamlit's AppTest
    assert fn.doc_string == "Say hello to someone."
    assert fn.props["type"] == "function"
    assert lst.props["value"] == "[1, 2]"
    assert "append" in [m["name"] for m in lst.props["members"]]
    assert module.name == "tidal"


def test_write_of_a_function_class_or_module_shows_its_documentation(app_test):
    at = run(
        app_test,
        """
        import json
        import tidal as st
        def f():
            '''Does f.'''
        st.write("see", f, dict, json)
        """,
    )
    assert [e.type for e in at.main.children.values()] == [
        "markdown",
        "help_info",
        "help_info",
        "help_info",
    ]
    assert at.help[0].doc_string == "Does f."
    assert at.help[1].name.startswith("dict")
    assert at.help[2].name == "json"
