from tidal.eventqueue import Batch, EventQueue
from tidal.protocol import Change, Navigate, Submit


def test_changes_without_a_click_merge_into_one_batch():
    q = EventQueue()
    q.put(Change(seq=1, id="a", v=1))
    q.put(Change(seq=2, id="b", v=2))
    q.put(Change(seq=3, id="a", v=3))
    assert q.pop() == Batch({"a": 3, "b": 2}, False, 3)
    assert q.pop() is None


def test_a_click_takes_no_later_events():
    q = EventQueue()
    q.put(Change(seq=1, id="go", v=True), click=True)
    q.put(Change(seq=2, id="go", v=True), click=True)
    assert q.pop() == Batch({"go": True}, True, 1)
    assert q.pop() == Batch({"go": True}, True, 2)


def test_a_barrier_takes_no_later_events():
    q = EventQueue()
    q.push(Batch({}, False, 0, barrier=True, query="x=1"))
    q.put(Change(seq=1, id="a", v=1))
    assert q.pop() == Batch({}, False, 0, barrier=True, query="x=1")
    assert q.pop() == Batch({"a": 1}, False, 1)


def test_deferred_values_ride_with_the_next_batch_and_lose_to_its_own():
    q = EventQueue()
    q.defer({"a": 1, "b": 1})
    assert q.pop() is None
    q.put(Submit(seq=2, form="f", button="ok", values={"b": 2}))
    assert q.pop() == Batch({"a": 1, "b": 2, "ok": True}, True, 2)


def test_navigate_keeps_the_latest_page_and_query():
    q = EventQueue()
    q.put(Navigate(seq=1, page="/one", query="a=1"))
    q.put(Change(seq=2, id="w", v=0))
    assert q.pop() == Batch({"w": 0}, False, 2, page="one", query="a=1")


def test_clear_drops_batches_but_keeps_deferred_values():
    q = EventQueue()
    q.put(Change(seq=1, id="a", v=1))
    q.defer({"b": 2})
    q.clear()
    assert q.pop() is None
    q.push(Batch({}, False, 3))
    assert q.pop() == Batch({"b": 2}, False, 3)
