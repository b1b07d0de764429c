#!/usr/bin/python3
"""The roadmap, as a person works with it: the board's cards moved by click,
Tab, Alt+arrows, the card's menu, drag and drop; the list's timing."""

import person
from person import check, wait_for

TITLE = "Shared library of SSE case studies"
KNOWLEDGE = "5e0c0001-0000-4000-8000-000000000002"
EDUCATION = "5e0c0001-0000-4000-8000-000000000003"
RESOURCES = "5e0c0001-0000-4000-8000-000000000004"


def open_board(app):
    app.click(app.find("page tab", "Roadmap"))
    app.click(app.find("push button", prefix="_Board"))
    return app.find("push button", prefix=TITLE, what="the card " + TITLE)


def pillar_of(app, title):
    return app.query_one("SELECT pillar_id FROM roadmap_item WHERE title = ?", title)


def focus_card_by_tab(app):
    for _ in range(60):
        app.key("Tab")
        if app.focus().name.startswith(TITLE):
            return
    raise person.Failure("Tab never reached the card")


def shows_item(app):
    """The item opened: the list beside its editor, with the title in it."""
    return any(node.name == "Title" and node.text() == TITLE for node in app.window.find_all("text"))


def test_tab_then_alt_arrows_move_and_keep_focus(app):
    open_board(app)
    focus_card_by_tab(app)
    app.key("alt+Right")
    wait_for(lambda: pillar_of(app, TITLE) == EDUCATION, "Alt+Right to move the card to the next pillar")
    # The card keeps the focus in its new column, so a second press goes on.
    wait_for(lambda: app.focus().name.startswith(TITLE), "the moved card to keep the focus")
    app.key("alt+Right")
    wait_for(lambda: pillar_of(app, TITLE) == RESOURCES, "a second Alt+Right to move it again")
    app.key("alt+Left", "alt+Left")
    wait_for(lambda: pillar_of(app, TITLE) == KNOWLEDGE, "Alt+Left twice to bring it back")


def test_arrow_keys_go_from_card_to_card(app):
    open_board(app)
    focus_card_by_tab(app)
    app.key("Right")
    wait_for(lambda: app.focus().role == "push button" and not app.focus().name.startswith(TITLE),
             "Right to take the focus to another card")
    app.key("Left")
    # Back on the card or on its menu button, which sits at its right edge.
    wait_for(lambda: TITLE in app.focus().name, "Left to bring the focus back")


def test_enter_opens_the_card(app):
    open_board(app)
    focus_card_by_tab(app)
    app.key("Return")
    wait_for(lambda: shows_item(app), "Enter to open the item in its editor")


def test_click_opens_the_card(app):
    app.click(open_board(app))
    wait_for(lambda: shows_item(app), "a click to open the item in its editor")


def test_move_to_menu(app):
    open_board(app)
    app.click(app.find("push button", f"Menu of “{TITLE}”"))
    entries = [node.name for node in app.window.find_all("menu item")]
    check("Knowledge management" not in entries, f"the menu offers the card's own column: {entries}")
    app.choose("Resource mobilisation and crowdfunding")
    wait_for(lambda: pillar_of(app, TITLE) == RESOURCES, "Move To to move the card")


def test_drop_on_another_column(app):
    card = open_board(app)
    column = app.find("panel", "Resource mobilisation and crowdfunding", what="the column")
    app.drag(card, column)
    wait_for(lambda: pillar_of(app, TITLE) == RESOURCES, "the dropped card to move to the column")


def test_done_item_says_done(app):
    done = "Membership criteria and application form"
    app.click(app.find("page tab", "Roadmap"))
    row = wait_for(lambda: next((r for r in app.window.rows() if r and r[0] == done), None),
                   "the row of the done item " + done)
    check(row[2] == "Done", f"its status says {row[2]!r}")
    check(row[-1] == "Done", f"its timing says {row[-1]!r}, not what became of it")


def test_goals_say_what_addresses_them(app):
    app.click(app.find("page tab", "Roadmap"))
    app.click(app.find("push button", prefix="_Goals"))
    chart = app.find("image", "Members, events and roadmap items by goal", what="the goals chart")
    described = chart.description
    goals = dict(part.split(": ", 1) for part in described.split("; "))
    check(len(goals) == 17, f"the chart describes {len(goals)} goals: {described!r}")
    for goal, said in goals.items():
        check(" 0 " not in f" {said} " and not said.startswith("0 "), f"{goal} says {said!r}: a count of none")
        check("1 items" not in said and "1 members" not in said and "1 events" not in said,
              f"{goal} says {said!r}, no singular")
    items = app.query_one("SELECT count(*) FROM roadmap_item WHERE deleted = 0 AND ',' || sdgs || ',' LIKE '%,17,%'")
    check(any(f"{items} roadmap item" in said for goal, said in goals.items() if goal.startswith("17 ")),
          f"goal 17 does not count its {items} roadmap items: {described!r}")


person.main(globals())
