"""gunicorn settings for test servers (`-c tests/gunicorn_clock.py`): each worker runs on the
clock the test process passed in LANGNGHE_TEST_NOW (see `clock_env` in tests/conftest.py). The
master keeps the real clock, so its worker timeouts are unaffected."""

import os
import time
from datetime import datetime, timedelta


def post_fork(server, worker):
    instant = os.environ.get("LANGNGHE_TEST_NOW")
    if instant:
        import time_machine

        # every worker on one clock, however late it was forked (LANGNGHE_TEST_NOW_AT: the
        # real time at which the test process read LANGNGHE_TEST_NOW)
        since = time.time() - float(os.environ.get("LANGNGHE_TEST_NOW_AT") or time.time())
        start = datetime.fromisoformat(instant) + timedelta(seconds=max(since, 0.0))
        time_machine.travel(start, tick=True).start()
        time.time()  # time-machine ticks from the first reading: make that now, not later
