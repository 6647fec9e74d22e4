"""The demo's "Chat" and "Progress" pages (src/tidal/hello) work in AppTest."""

from __future__ import annotations

from tidal.testing import AppTest

DEMO = "../src/tidal/hello/app.py"


def test_the_chat_page_streams_an_answer_and_keeps_the_history():
    at = AppTest.from_file(DEMO, default_timeout=20).run()
    at.switch_page("pages/chat.py").run()
    assert not at.exception
    at.chat_input(key="chat_prompt").set_value("hello").run()
    user, bot = at.chat_message
    assert (user.name, user.markdown[0].value) == ("user", "hello")
    assert bot.name == "assistant" and bot.markdown[0].value.startswith("You said *hello*.")
    at.chat_input(key="chat_prompt").set_value("again").run()
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    at.button(key="chat_clear").click().run()
    assert len(at.chat_message) == 0


def test_the_progress_page_runs_a_job_to_completion():
    at = AppTest.from_file(DEMO, default_timeout=20).run()
    at.switch_page("pages/progress.py").run()
    at.slider(key="progress_steps").set_value(5).run()
    at.button(key="progress_run").click().run()
    assert not at.exception
    assert at.status[0].state == "complete" and at.status[0].label == "Job complete"
    assert at.progress[0].value == 100
    assert at.success[0].value == "Done!"
    assert at.toast[0].value == "The job finished"
