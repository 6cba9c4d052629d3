import pytest
from django.core.management import CommandError, call_command

from smartcity.core import scheduled


@pytest.fixture
def jobs(monkeypatch):
    registry = {}
    monkeypatch.setattr(scheduled, "_jobs", registry)
    monkeypatch.setattr(scheduled, "discover", lambda: None)
    return registry


def test_every_job_runs_once_and_a_failing_one_does_not_stop_the_rest(jobs, capsys):
    ran = []

    @scheduled.scheduled_job("a.first", "first")
    def first(today):
        ran.append(("first", today.isoformat()))
        return "3 reminders"

    @scheduled.scheduled_job("b.broken", "broken")
    def broken(today):
        raise RuntimeError("mail server down")

    @scheduled.scheduled_job("c.last", "last")
    def last(today):
        ran.append(("last", today.isoformat()))

    with pytest.raises(CommandError, match="1 scheduled job"):
        call_command("run_scheduled_jobs", "--date", "2026-12-02")
    out = capsys.readouterr().out
    assert ran == [("first", "2026-12-02"), ("last", "2026-12-02")]
    assert "a.first: 3 reminders" in out
    assert "b.broken: failed: RuntimeError: mail server down" in out


def test_only_runs_the_named_job_and_refuses_an_unknown_name(jobs):
    ran = []
    scheduled.scheduled_job("a.one", "one")(lambda today: ran.append("one"))
    scheduled.scheduled_job("a.two", "two")(lambda today: ran.append("two"))
    call_command("run_scheduled_jobs", "--only", "a.two")
    assert ran == ["two"]
    with pytest.raises(CommandError, match="No scheduled job named nope"):
        call_command("run_scheduled_jobs", "--only", "nope")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_scheduled_jobs", "--date", "2569-13-01")
