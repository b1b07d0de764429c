#!/usr/bin/python3
"""Sync as a person meets it when the server refuses: the header says what
is wrong, the menu says why, and Sync Now that fails says so."""

import person
from person import check, wait_for

# Nothing listens on the discard port of the loopback.
REFUSED = {"sync-url": "http://127.0.0.1:9/asec"}


def header(app):
    return app.find("filler", "SecSyncButton").find("push button")


def toast(app):
    return app.window.find("label", prefix="Sync failed: ")


def test_header_names_the_failure(app):
    button = wait_for(lambda: header(app) if header(app).name == "Server unreachable" else None,
                      "the header to say the server is unreachable")
    check("Offline" not in button.name, f"the header says {button.name!r} though the network is up")
    app.click(button)
    detail = app.find("label", prefix="Server unreachable\n", what="the reason in the sync menu")
    check("127.0.0.1 refused the connection" in detail.text(), f"the menu says {detail.text()!r}")
    check("wait to be sent" in detail.text(), f"the menu does not say what waits: {detail.text()!r}")


test_header_names_the_failure.settings = REFUSED


def test_sync_now_that_fails_says_so(app):
    wait_for(lambda: header(app).name == "Server unreachable", "the first run to fail")
    check(toast(app) is None, "a toast before anyone asked")
    app.click(header(app))
    sync_now = app.find("push button", prefix="Sync _Now", what="Sync Now in the menu")
    check(sync_now.sensitive, "Sync Now is disabled after a failure")
    for _ in range(10):
        if app.focus().name.startswith("Sync _Now"):
            break
        app.key("Tab")
    app.key("Return")
    shown = wait_for(lambda: toast(app), "a toast saying the sync failed")
    check(shown.name == "Sync failed: Server unreachable", f"the toast says {shown.name!r}")


test_sync_now_that_fails_says_so.settings = REFUSED


person.main(globals())
