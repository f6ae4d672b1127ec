"""The API answers as its OpenAPI document says. Schemathesis's engine (the one behind
`schemathesis run`) tests every operation of /api/v1/openapi.json against the app, seeded with
the demo data, through all its phases (examples, coverage, fuzzing, stateful sequences
following the document's links) and all its checks, with a bounded, deterministic number of
generated requests: no server error and no answer the document does not describe."""

import pytest
import schemathesis
from schemathesis import engine
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events

pytestmark = pytest.mark.slow
MAX_EXAMPLES = 25
#: A request that matches the document may still get a 422: the API's documented answer to a
#: well-formed request breaking a rule no schema can state (a past date, `to` before `from`,
#: more than 50 people in all). Otherwise Schemathesis's defaults.
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
CONFIG = {
    # NUL characters are refused at the door in every text (a 400, said in the document's
    # description and tested in tests/test_inputs.py); JSON Schema has no word for that.
    "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "allow-x00": False},
    "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
    "workers": 1,
}


def run_schemathesis(app) -> tuple[set[str], int, dict[tuple, str]]:
    """The scenarios run, how many requests, and each distinct failure with an example."""
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", app, config=SchemathesisConfig.from_dict(CONFIG)
    )
    scenarios, cases, failures = set(), 0, {}
    for event in engine.from_schema(schema).execute():
        if isinstance(event, events.FatalError | events.NonFatalError):
            failures[("error", getattr(event, "label", ""))] = repr(event)
        if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            scenarios.add(event.recorder.label)
            cases += len(event.recorder.cases)
            failures.update(failed_checks(event.recorder))
    return scenarios, cases, failures


def failed_checks(recorder) -> dict[tuple, str]:
    found = {}
    for check in (check for checks in recorder.checks.values() for check in checks):
        if check.failure_info is not None:
            failure = check.failure_info.failure
            example = f"{failure.message}\n{check.failure_info.code_sample}"
            found.setdefault((recorder.label, check.name, failure.title), example)
    return found


def test_api_matches_its_openapi_document(app, demo):
    scenarios, cases, failures = run_schemathesis(app)
    print(f"schemathesis: {len(scenarios)} scenarios, {cases} requests, {len(failures)} failures")
    assert len(scenarios) >= 10 and cases >= 10 * MAX_EXAMPLES, (scenarios, cases)
    assert not failures, "\n\n".join(f"{key}: {example}" for key, example in failures.items())
