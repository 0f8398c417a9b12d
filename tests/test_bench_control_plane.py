"""bench/scale/control_plane.py: the waits between a run's tasks, from the task instances the REST API gives."""

from __future__ import annotations

from bench.scale import control_plane


def ti(task: str, index: int, scheduled: str, start: str, end: str) -> dict:
    day = "2026-01-01T00:00:"
    return {"task_id": task, "map_index": index, "scheduled_when": day + scheduled, "start_date": day + start,
            "end_date": day + end}


def test_each_task_waits_for_the_last_upstream_task_of_its_own_shard():
    tis = [
        ti("discover", -1, "00.0", "00.1", "00.3"),
        ti("fetch", 0, "01.3", "01.4", "10.0"),
        ti("fetch", 1, "01.3", "01.4", "20.0"),
        ti("clean", 0, "11.0", "11.1", "30.0"),  # its shard's fetch ended at 10.0, the other shard's later
        ti("clean", 1, "20.5", "20.7", "31.0"),
        ti("report", -1, "32.0", "32.2", "32.5"),  # after every shard
    ]
    assert control_plane.waits(tis) == [
        ("fetch[0]", 1.0, 0.1), ("fetch[1]", 1.0, 0.1), ("clean[0]", 1.0, 0.1), ("clean[1]", 0.5, 0.2),
        ("report", 1.0, 0.2),
    ]


def test_a_task_still_running_has_no_wait():
    tis = [ti("discover", -1, "00.0", "00.1", "00.3"), {**ti("fetch", 0, "01.3", "01.4", "10.0"), "end_date": None}]
    assert control_plane.waits(tis) == []
