#!/usr/bin/python3
"""The minutes of an assembly as a person takes them: a vote that nobody
represented could have cast is refused beside the field, and nothing is
written until the minutes are right."""

import person
from person import check, wait_for

ITEM = "Shared library of SSE case studies"
# The sample assembly has no voting delegate checked in.
OVERRIDE = "The chair lets the decision stand without a quorum"
NOBODY = "No voting member is represented: check in the voting delegates before recording votes"


def minutes_of(app):
    return app.query("SELECT decision, votes_for, votes_against, votes_abstaining, outcome, quorum, chair_override "
                     "FROM agenda_item WHERE title = ?", ITEM)


def open_item(app):
    app.click(app.find("page tab", "Assemblies"))
    app.click(app.find("label", "ASEC General Assembly 2024"))
    check(app.find("list item", prefix="No quorum yet: 0 represented").showing, "the quorum is not shown")
    app.click(app.find("list item", ITEM))
    return wait_for(lambda: app.find_dialog(ITEM), "the item's dialog")


def field(dialog, title):
    return dialog.scroll_to("text", title)


def type_into(dialog, title, text):
    dialog.click(field(dialog, title))
    dialog.key("ctrl+a", "BackSpace")
    if text:
        dialog.type(text)


def test_votes_nobody_cast_are_refused(app):
    before = minutes_of(app)
    dialog = open_item(app)
    type_into(dialog, "Votes for", "18")
    type_into(dialog, "Votes against", "1")
    type_into(dialog, "Abstentions", "2")
    dialog.click(dialog.find("push button", prefix="_Save"))
    wait_for(lambda: dialog.window.find("label", NOBODY), "the refusal beside the votes")
    check(app.find_dialog(ITEM) is not None, "the dialog closed on a refused save")
    check(minutes_of(app) == before, f"refused minutes were written: {minutes_of(app)}")

    # Without the votes, the item is noted.
    for title in ("Votes for", "Votes against", "Abstentions"):
        type_into(dialog, title, "")
    dialog.click(field(dialog, "Decision"))
    dialog.type("The assembly welcomes the library.")
    dialog.click(dialog.find("push button", prefix="_Save"))
    wait_for(lambda: app.find_dialog(ITEM) is None, "Save to close the dialog")
    check(minutes_of(app) == [("The assembly welcomes the library.", None, None, None, None, None, 0)],
          f"the minutes are {minutes_of(app)}")


def test_no_decision_without_quorum_unless_the_chair_lets_it_stand(app):
    before = minutes_of(app)
    dialog = open_item(app)
    dialog.pick(dialog.scroll_to("combo box", "Outcome"), "Adopted")
    dialog.click(dialog.find("push button", prefix="_Save"))
    wait_for(lambda: dialog.window.find("label", prefix="No quorum: 0 voting members are represented"),
             "the refusal beside the outcome")
    check(minutes_of(app) == before, f"a decision without quorum was written: {minutes_of(app)}")

    dialog.click(dialog.scroll_to("check box", OVERRIDE))
    dialog.click(dialog.find("push button", prefix="_Save"))
    wait_for(lambda: app.find_dialog(ITEM) is None, "Save to close the dialog")
    check(minutes_of(app) == [(None, None, None, None, "adopted", "absent", 1)], f"the minutes are {minutes_of(app)}")
    # The minutes say so where the secretariat reads them.
    said = "Adopted · No quorum, 0 voting members represented; the chair let the decision stand"
    wait_for(lambda: any(said in label.name for label in app.window.find_all("label")),
             "the override under the item")


person.main(globals())
