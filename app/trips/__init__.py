"""The visitor's tour planner: build a planning Problem, show, save, share and export a Plan."""
