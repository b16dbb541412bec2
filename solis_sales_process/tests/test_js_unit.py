"""The web client's unit tests of the addon (Hoot, static/tests/**/*.test.js)
run under Odoo's test runner, so that a failing one fails the build."""

import logging
import re

from odoo.tests import HttpCase, tagged

# Hoot nests a test file's suite under its addon's name, and its test page
# runs only the suites whose id is in the URL.
SUITE = "@solis_sales_process"
# Hoot says so when all the tests it ran passed, and names each test passed
# (loglevel=2).
SUCCESS = "[HOOT] Test suite succeeded"
PASSED = re.compile(r'\[HOOT\] Test "([^"]+)" passed')
# The tests of static/tests/**/*.test.js; fewer means some did not run.
EXPECTED_TESTS = 29
# The addon's tests take seconds. An id Hoot does not know runs the whole
# suite of every installed addon (an hour): stop that early.
TIMEOUT = 240


def hoot_id(name):
    """The id Hoot gives a suite or a test (its URL filter): a 31-fold rolling
    hash of its full name, on 32 bits, in 8 hexadecimal digits."""
    value = 0
    for char in name:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


class _Messages(logging.Handler):
    """Keeps what the browser logs during a run."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestJsUnitTests(HttpCase):
    def test_hoot_id(self):
        # Ids Odoo's own runner gives Hoot for a suite and for a test.
        self.assertEqual(hoot_id("@web/core"), "e39ce9ba")
        self.assertEqual(
            hoot_id("@web/core/autocomplete/open dropdown on input"), "ee565d54"
        )

    def test_unit_tests_of_the_addon(self):
        # The browser's messages go to a child of this test's logger.
        logger = logging.getLogger(__name__)
        messages = _Messages()
        level = logger.level
        logger.addHandler(messages)
        logger.setLevel(logging.INFO)
        try:
            self.browser_js(
                f"/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
                f"&id={hoot_id(SUITE)}",
                "",
                login="admin",
                timeout=TIMEOUT,
                success_signal=SUCCESS,
                # A failed test's "[HOOT]" error does not stop the run, so
                # that every failure is reported; Hoot's closing error (no
                # prefix) then fails it.
                error_checker=lambda message: "[HOOT]" not in message,
            )
        finally:
            logger.removeHandler(messages)
            logger.setLevel(level)
        passed = [
            found.group(1)
            for message in messages.messages
            if (found := PASSED.search(message))
        ]
        others = [name for name in passed if not name.startswith(f"{SUITE}/")]
        self.assertFalse(others, "tests of other addons ran: the filter failed")
        self.assertGreaterEqual(len(passed), EXPECTED_TESTS, "some tests did not run")
