"""The day-planning engine (SPEC §4): choose and order visits to maximise score within windows.

Plain Python and numpy only, no Flask or database, so it can be tested and benchmarked alone:

    from app.planner import Candidate, Problem, solve
    plan = solve(Problem(candidates, travel, day_start, day_end), time_limit=1.0, seed=0)

This is the Orienteering Problem with (multiple) Time Windows; with `Problem(days=...)` the
team version, one route per day on one timeline, solved as one problem. Small problems are
solved exactly (`exact`), larger ones by iterated destroy-and-repair (`heuristic`).
"""

from app.planner.model import Candidate, Infeasible, Plan, Problem, Visit
from app.planner.solve import solve

__all__ = ["Candidate", "Infeasible", "Plan", "Problem", "Visit", "solve"]
