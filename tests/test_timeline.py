"""The run timeline: every run's trigger, status, callbacks and state diff, with the reason
for each value the runtime removed (``at.runs``, ``tidal.timeline``, ``tidal.removal``)."""

from __future__ import annotations

import datetime
import json

import pytest

from tidal.errors import TidalAPIError
from tidal.summary import SECRET, summarise
from tidal.testing import AppTest
from tidal.timeline import RUNS_KEPT

SEEDS = "../examples/seeds"

CONDITIONAL = """
import tidal as st
st.session_state.setdefault("n", 0)
show = st.checkbox("Show age", key="show")
if show:
    st.slider("Age", 0, 10, key="age")
if st.button("Add", key="add"):
    st.session_state.n += 1
"""


def seed(name: str) -> AppTest:
    return AppTest.from_file(f"{SEEDS}/{name}").run()


# ---------------------------------------------------------------------- triggers and diffs
def test_the_first_run_is_a_page_load_that_adds_the_initial_keys() -> None:
    at = AppTest.from_string(CONDITIONAL).run()
    (run,) = at.runs
    assert run.number == 1
    assert run.trigger.kind == "page load"
    assert run.status == "ok"
    assert run.state_diff.added == {"n": "0", "show": "False", "add": "False"}
    assert not run.state_diff.changed and not run.state_diff.removed
    assert run.duration > 0


def test_a_widget_change_records_old_and_new_value() -> None:
    at = AppTest.from_string(CONDITIONAL).run()
    at.checkbox(key="show").check().run()
    run = at.runs[-1]
    assert (run.trigger.kind, run.trigger.widget, run.trigger.widget_kind) == (
        "change",
        "show",
        "checkbox",
    )
    assert (run.trigger.old, run.trigger.new) == ("False", "True")
    assert run.trigger.describe() == "change of `show` (checkbox): False -> True"
    assert run.state_diff.changed == {"show": ("False", "True")}
    assert run.state_diff.added == {"age": "0"}


def test_a_click_records_the_button_and_what_it_changed() -> None:
    at = AppTest.from_string(CONDITIONAL).run()
    at.button(key="add").click().run()
    run = at.runs[-1]
    assert run.trigger.kind == "click" and run.trigger.widget == "add"
    assert run.state_diff.changed == {"n": ("0", "1")}


def test_a_widget_removed_by_cleanup_is_explained_with_the_run_that_did_not_draw_it() -> None:
    at = AppTest.from_string(CONDITIONAL).run()
    at.checkbox(key="show").check().run()
    at.slider(key="age").set_value(7).run()
    at.checkbox(key="show").uncheck().run()
    run = at.runs[-1]
    assert run.number == 4
    assert run.state_diff.removed == {"age": "7"}
    expected = "`age` was removed because the widget with key `age` was not drawn in run 4."
    assert run.state_diff.reasons == {"age": expected}
    assert run.explanations == [expected]
    assert "age" not in at.session_state
    at.button(key="add").click().run()
    assert at.explain("age") == expected  # later runs keep the answer
    assert at.explain("n") is None


def test_a_keyless_widget_whose_identity_changed_is_explained_by_the_parameter() -> None:
    at = AppTest.from_string("""
        import tidal as st
        top = 10 if st.checkbox("wide", key="wide") else 5
        st.number_input("Amount", min_value=0, max_value=top, value=1)
    """).run()
    at.number_input[0].set_value(4).run()
    at.checkbox(key="wide").check().run()
    assert at.number_input[0].value == 1  # a new widget: back to its default
    (removal,) = at.runs[-1].removals
    assert removal.reason == "identity_changed"
    assert at.runs[-1].explanations == [
        "The number input 'Amount' was reset in run 3: the widget's identity changed because "
        "its `max_value` changed from 5 to 10, so it is a new widget and starts from its default."
    ]


def test_deleting_a_key_is_recorded_with_its_reason() -> None:
    at = AppTest.from_string("""
        import tidal as st
        st.session_state.setdefault("a", 1)
        if st.button("Drop", key="drop"):
            del st.session_state["a"]
    """).run()
    at.button(key="drop").click().run()
    diff = at.runs[-1].state_diff
    assert diff.removed == {"a": "1"}
    assert diff.reasons == {"a": "`a` was removed by `del st.session_state['a']` in run 2."}


def test_callbacks_that_ran_are_listed_with_their_widget() -> None:
    at = seed("counter_kwargs.py")
    at.button[0].click().run()
    assert at.runs[-1].callbacks == ["increment_counter"]


def test_errors_of_a_run_are_recorded() -> None:
    at = AppTest.from_string("""
        import tidal as st
        if st.button("Boom", key="boom"):
            raise ValueError("no luck")
    """).run()
    at.button(key="boom").click().run()
    assert at.runs[-1].status == "error"
    assert at.runs[-1].errors == ["ValueError: no luck"]


def test_st_rerun_starts_a_run_triggered_by_st_rerun() -> None:
    at = AppTest.from_string("""
        import tidal as st
        st.session_state.setdefault("n", 0)
        if st.session_state.n < 1:
            st.session_state.n += 1
            st.rerun()
    """).run()
    assert [(r.trigger.kind, r.status) for r in at.runs] == [
        ("page load", "rerun"),
        ("st.rerun", "ok"),
    ]
    assert at.runs[0].state_diff.added == {"n": "1"}


def test_the_timeline_keeps_only_the_last_runs() -> None:
    at = seed("basic_counter.py")
    for _ in range(RUNS_KEPT + 5):
        at.button[0].click().run()
    assert len(at.runs) == RUNS_KEPT
    assert at.runs[-1].number == RUNS_KEPT + 6


def test_a_value_is_kept_as_a_short_summary() -> None:
    assert summarise("x" * 500).endswith("…") and len(summarise("x" * 500)) == 120
    assert summarise(list(range(1000))) == "list of 1000 items"
    assert summarise({"pw": "hunter22"}, frozenset({"hunter22"})) == SECRET


def test_secrets_never_appear_in_the_timeline() -> None:
    at = AppTest.from_string("""
        import tidal as st
        st.session_state.token = "Bearer " + st.secrets["api_key"]
    """)
    at.secrets["api_key"] = "s3cr3t-value"
    at.run()
    assert at.runs[-1].state_diff.added == {"token": SECRET}
    assert "token" in at.export_state()["left_out"]


# ---------------------------------------------------------------------- rewind and export
def test_rewind_restores_user_and_widget_values_after_an_earlier_run() -> None:
    at = AppTest.from_string(CONDITIONAL).run()
    at.checkbox(key="show").check().run()
    at.slider(key="age").set_value(7).run()
    at.button(key="add").click().run()
    at.checkbox(key="show").uncheck().run()
    at.rewind(3).run()
    assert at.session_state.n == 0
    assert at.checkbox(key="show").value is True
    assert at.slider(key="age").value == 7
    run = at.runs[-1]
    assert run.trigger.kind == "rewind"
    assert run.trigger.describe() == "rewind to the state after run 3"
    assert run.state_diff.changed == {"n": ("1", "0"), "show": ("False", "True")}
    assert run.state_diff.added == {"age": "7"}


def test_rewind_to_a_run_no_longer_kept_says_so() -> None:
    at = seed("basic_counter.py")
    with pytest.raises(ValueError, match="Run 99 is not in the session's timeline"):
        at.rewind(99)


def test_an_exported_document_reproduces_the_state_in_another_test() -> None:
    at = AppTest.from_string(CONDITIONAL).run()
    at.checkbox(key="show").check().run()
    at.slider(key="age").set_value(6).run()
    at.button(key="add").click().run()
    doc = json.loads(json.dumps(at.export_state()))
    assert doc["user"] == {"n": 1}
    assert doc["widgets"] == {"show": True, "age": 6, "add": False}
    again = AppTest.from_string(CONDITIONAL).with_state(doc).run()
    assert again.session_state.n == 1
    assert again.slider(key="age").value == 6
    assert again.runs[0].trigger.kind == "load"
    assert again.runs[0].state_diff.added == {"n": "1", "show": "True", "age": "6", "add": "False"}


def test_exported_documents_keep_dates_tuples_and_sets() -> None:
    at = AppTest.from_string("""
        import datetime, tidal as st
        st.session_state.setdefault("when", datetime.date(2024, 5, 1))
        st.session_state.setdefault("pair", (1, "a"))
        st.session_state.setdefault("tags", {"x"})
    """).run()
    doc = json.loads(json.dumps(at.export_state()))
    again = AppTest.from_string("import tidal as st").with_state(doc).run()
    assert again.session_state.when == datetime.date(2024, 5, 1)
    assert again.session_state.pair == (1, "a")
    assert again.session_state.tags == {"x"}


def test_a_document_that_is_not_one_is_refused_with_what_to_do() -> None:
    with pytest.raises(TidalAPIError, match="Not a tidal session document"):
        AppTest.from_string("import tidal as st").with_state({"user": {}})


# ---------------------------------------------------------------------- the seed examples
@pytest.mark.parametrize(
    "name", ["basic_counter.py", "counter_session_state.py", "increment_decrement.py"]
)
def test_seed_counter_click_changes_count(name: str) -> None:
    at = seed(name)
    assert at.runs[0].state_diff.added == {"count": "0"}
    at.button[0].click().run()
    assert at.runs[-1].trigger.kind == "click"
    assert at.runs[-1].state_diff.changed == {"count": ("0", "1")}
    assert at.runs[-1].callbacks == []


@pytest.mark.parametrize("name", ["button_actions.py", "counter_callbacks.py"])
def test_seed_callback_counter_records_its_callback(name: str) -> None:
    at = seed(name)
    at.button[0].click().run()
    assert at.runs[-1].callbacks == ["increment_counter"]
    assert at.runs[-1].state_diff.changed == {"count": ("0", "1")}


def test_seed_counter_args_change_then_click() -> None:
    at = seed("counter_args.py")
    at.number_input[0].set_value(3).run()
    assert at.runs[-1].trigger.kind == "change" and at.runs[-1].trigger.new == "3"
    assert not at.runs[-1].state_diff  # a keyless widget: no visible key changed
    at.button[0].click().run()
    assert at.runs[-1].state_diff.changed == {"count": ("0", "3")}


def test_seed_counter_kwargs_decrement() -> None:
    at = seed("counter_kwargs.py")
    at.button[1].click().run()
    assert at.runs[-1].callbacks == ["decrement_counter"]
    assert at.runs[-1].state_diff.changed == {"count": ("0", "-1")}


def test_seed_counter_form_submit_is_one_run_with_every_field() -> None:
    at = seed("counter_form.py")
    at.number_input(key="increment_value").set_value(4)
    at.time_input(key="update_time").set_value(datetime.time(9, 30))
    at.button[0].click().run()
    run = at.runs[-1]
    assert (run.trigger.kind, run.trigger.widget) == ("submit", "FormSubmitter:my_form-Update")
    assert set(run.trigger.others) == {"increment_value", "update_time"}
    assert run.callbacks == ["FormSubmitter:my_form-Update: update_counter"]
    assert run.state_diff.changed["count"] == ("0", "4")
    assert run.state_diff.changed["last_updated"][1] == "datetime.time(9, 30)"


def test_seed_counter_without_state_changes_nothing() -> None:
    at = seed("counter_without_state.py")
    at.button[0].click().run()
    assert at.runs[-1].trigger.kind == "click" and not at.runs[-1].state_diff


def test_seed_best_practices_adds_its_keys() -> None:
    at = seed("best_practices.py")
    assert at.runs[0].state_diff.added == {"username": "''", "age": "18"}


def test_seed_button_key_assignment_records_the_error() -> None:
    at = seed("button_key_assignment.py")
    assert at.runs[0].status == "error"
    assert at.runs[0].errors[0].startswith("StreamlitValueAssignmentNotAllowedError")


def test_seed_celsius_slider_change() -> None:
    at = seed("celsius_slider.py")
    at.slider(key="celsius").set_value(20.0).run()
    assert at.runs[-1].state_diff.changed == {"celsius": ("50.0", "20.0")}


@pytest.mark.parametrize("name", ["initialization.py", "reads.py"])
def test_seed_initialization_adds_key_once(name: str) -> None:
    at = seed(name)
    assert at.runs[0].state_diff.added == {"key": "'value'"}
    at.run()
    assert not at.runs[-1].state_diff and at.runs[-1].trigger.kind == "rerun"


def test_seed_updates_records_the_final_value() -> None:
    at = seed("updates.py")
    assert at.runs[0].state_diff.added == {"key": "'value2'"}


def test_seed_mirrored_widgets_callback_mirrors_the_other_key() -> None:
    at = seed("mirrored_widgets.py")
    at.text_input(key="first").input("hi").run()
    run = at.runs[-1]
    assert run.trigger.describe() == "change of `first` (text_input): '' -> 'hi'"
    assert run.callbacks == ["first: update_first"]
    assert run.state_diff.changed == {"first": ("''", "'hi'"), "second": ("''", "'hi'")}


def test_seed_name_input_change() -> None:
    at = seed("name_input.py")
    at.text_input[0].input("Ada").run()
    assert at.runs[-1].state_diff.changed == {"name": ("''", "'Ada'")}


def test_seed_reset_button_resets_count() -> None:
    at = seed("reset_button.py")
    at.session_state.count = 5
    at.button[0].click().run()
    assert at.runs[-1].callbacks == ["reset_counter"]
    assert at.runs[-1].state_diff.changed == {"count": ("5", "0")}


def test_seed_uninitialized_access_records_the_key_error() -> None:
    at = seed("uninitialized_access.py")
    assert at.runs[0].status == "error" and at.runs[0].errors[0].startswith("KeyError")


def test_seed_unserializable_lambda_is_summarised() -> None:
    at = seed("unserializable_lambda.py")
    assert at.runs[0].state_diff.added["unserializable"].startswith("<function ")
    assert at.export_state()["left_out"] == ["unserializable"]


def test_seed_volume_slider_change() -> None:
    at = seed("volume_slider.py")
    at.slider[0].set_value(70).run()
    assert at.runs[-1].state_diff.changed == {"volume": ("50", "70")}


def test_seed_weight_conversion_callback_updates_the_other_key() -> None:
    at = seed("weight_conversion.py")
    at.number_input(key="lbs").set_value(22.046).run()
    run = at.runs[-1]
    assert run.callbacks == ["lbs: lbs_to_kg"]
    assert set(run.state_diff.changed) == {"lbs", "kg"}


# ---------------------------------------------------------------------- more triggers and rules
def test_a_default_also_set_through_state_is_a_warning_of_the_run() -> None:
    at = AppTest.from_string("""
        import tidal as st
        st.session_state.setdefault("size", 3)
        st.slider("Size", 0, 10, 5, key="size")
    """).run()
    assert at.runs[0].warnings == [
        'The widget with key "size" was created with a default value but also had its value '
        "set via the Session State API."
    ]


def test_a_widget_in_a_fragment_names_its_fragment() -> None:
    at = AppTest.from_string("""
        import tidal as st
        @st.fragment
        def part():
            st.checkbox("Inside", key="inside")
        part()
    """).run()
    at.checkbox(key="inside").check().run()
    assert at.runs[-1].trigger.fragment is not None
    assert at.runs[-1].trigger.describe().startswith("change of `inside` (checkbox)")


def test_switching_pages_resets_widgets_and_says_why(tmp_path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("import tidal as st\nst.text_input('Name', key='name')\n")
    (tmp_path / "pages" / "other.py").write_text("import tidal as st\nst.write('other')\n")
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    at.text_input(key="name").input("Ada").run()
    at.switch_page("pages/other.py").run()
    run = at.runs[-1]
    assert run.trigger.kind == "navigate"
    assert run.state_diff.removed == {"name": "'Ada'"}
    assert run.state_diff.reasons["name"] == (
        "`name` was removed because the widget with key `name` was not drawn in run 3."
    )


def test_st_switch_page_resets_every_widget_and_says_why(tmp_path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text(
        "import tidal as st\n"
        "st.text_input('Name', key='name')\n"
        "if st.button('Go', key='go'):\n"
        "    st.switch_page('pages/other.py')\n"
    )
    (tmp_path / "pages" / "other.py").write_text("import tidal as st\nst.write('other')\n")
    at = AppTest.from_file(str(tmp_path / "app.py")).run()
    at.text_input(key="name").input("Ada").run()
    at.button(key="go").click().run()
    reasons = {k: v for r in at.runs for k, v in r.state_diff.reasons.items()}
    assert reasons["name"].startswith("`name` was reset because the app switched pages in run")


def test_a_dataframe_is_summarised_by_its_shape() -> None:
    pd = pytest.importorskip("pandas")
    assert summarise(pd.DataFrame({"a": [1, 2, 3], "b": [4, 5, 6]})) == "DataFrame 3 x 2"


def test_the_visible_state_read_in_one_pass_is_the_mapping() -> None:
    at = AppTest.from_string(CONDITIONAL).run()
    at.checkbox(key="show").check().run()
    at.session_state["extra"] = [1]
    state = at._session.state
    assert state.visible() == state.to_dict()


def test_a_list_changed_in_place_shows_in_the_diff_and_rewind_keeps_history() -> None:
    at = AppTest.from_string("""
        import tidal as st
        st.session_state.setdefault("log", [])
        if st.button("Log", key="log_it"):
            st.session_state.log.append(len(st.session_state.log))
    """).run()
    at.button(key="log_it").click().run()
    at.button(key="log_it").click().run()
    assert at.runs[-1].state_diff.changed == {"log": ("[0]", "[0, 1]")}
    at.rewind(2).run()
    assert at.session_state.log == [0]


def test_a_keyed_widget_whose_identity_changed_is_explained_on_its_key() -> None:
    at = AppTest.from_string("""
        import tidal as st
        limit = 3 if st.checkbox("short", key="short") else 10
        st.text_input("Code", key="code", max_chars=limit)
    """).run()
    at.text_input(key="code").input("ab").run()
    at.checkbox(key="short").check().run()
    diff = at.runs[-1].state_diff
    assert diff.changed["code"] == ("'ab'", "''")
    assert diff.reasons["code"] == (
        "The widget with key `code` was reset in run 3: the widget's identity changed because "
        "its `max_chars` changed from 10 to 3, so it is a new widget and starts from its default."
    )
