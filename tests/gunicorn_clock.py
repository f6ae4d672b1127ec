"""gunicorn settings for test servers (`-c tests/gunicorn_clock.py`): each worker runs on the
clock the test process passed in LANGNGHE_TEST_NOW (see `clock_env` in tests/conftest.py). The
master keeps the real clock, so its worker timeouts are unaffected."""

import os
from datetime import datetime


def post_fork(server, worker):
    instant = os.environ.get("LANGNGHE_TEST_NOW")
    if instant:
        import time_machine

        time_machine.travel(datetime.fromisoformat(instant), tick=True).start()
