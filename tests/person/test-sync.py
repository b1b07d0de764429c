#!/usr/bin/python3
"""Sync as a person meets it: when the server refuses, the header says what
is wrong, the menu says why, and Sync Now that fails says so; a question a
sync left is answered from the menu, with the keyboard."""

import sqlite3

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


def deleted_in_kuala_lumpur(db):
    """What a sync leaves when another office deleted GMM while its contact
    changed here: the member kept, and the question."""
    with sqlite3.connect(db) as conn:
        member = conn.execute("SELECT id FROM member WHERE acronym = 'GMM'").fetchone()[0]
        conn.execute("INSERT INTO conflict (entity, record_id, field, local_value, remote_value, remote_rev, "
                     "created_at, base_value, remote_office, remote_at) VALUES ('member', ?, '_deleted', 'changed', "
                     "'deleted', '2-a', '2026-12-03T02:05:00Z', 'contact', 'Kuala Lumpur office', "
                     "'2026-12-03T02:00:00Z')", (member,))


def test_deletion_settled_with_the_keyboard(app):
    app.click(header(app))
    settle = app.find("push button", prefix="Settle 1 _Conflict", what="Settle 1 Conflict in the sync menu")
    for _ in range(10):
        if app.focus().name == settle.name:
            break
        app.key("Tab")
    app.key("Return")
    dialog = wait_for(lambda: app.find_dialog("Global Movement of Moderates"), "the conflicts dialog")
    question = dialog.find("label", prefix="Deleted by Kuala Lumpur office")
    check(question.text().endswith("; a contact was changed here"), f"the question says {question.text()!r}")
    dialog.find("label", "Datuk Saifuddin Abdullah", what="the contact that changed here")
    # From the row, Tab goes from choice to choice, past no value.
    seen = []
    for _ in range(4):
        focus = dialog.focus()
        seen.append(f"{focus.role} {focus.name!r}")
        if focus.role == "push button" and focus.name.startswith("_Delete"):
            break
        dialog.key("Tab")
    else:
        raise person.Failure("Tab never reached Delete, but " + ", ".join(seen))
    dialog.key("space")
    dialog.find("label", "No Conflicts", what="the dialog to say nothing is left")
    gone = app.query("SELECT m.deleted, c.deleted FROM member AS m JOIN contact AS c ON c.member_id = m.id "
                     "WHERE m.acronym = 'GMM'")
    check(gone == [(1, 1)], f"GMM and its contact are not both deleted: {gone}")
    left = app.query_one("SELECT count(*) FROM conflict WHERE settled = 0")
    check(left == 0, f"{left} questions left")


test_deletion_settled_with_the_keyboard.settings = REFUSED
test_deletion_settled_with_the_keyboard.before = deleted_in_kuala_lumpur


person.main(globals())
