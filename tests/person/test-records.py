#!/usr/bin/python3
"""The members list as a person works it: the sample loaded from the empty
list, search, sort by column headings, open a member, type, Enter and
Escape, and a Save button that is off; and the list keeping up with the
command line writing the same file."""

import os
import subprocess
import sys

import person
from person import check, wait_for

# Written out from the sample network, not asked of the app.
IN_PHNOM_PENH = sorted(["Development Wheel", "DEW Crafts",
                        "Cambodian Center for Study and Development in Agriculture",
                        "បណ្តាញសហគ្រាសសង្គមកម្ពុជា"])
ALL = "34 members in 12 countries"
MEMBER = "Development Wheel"


def table(app):
    return app.find("tree table", "Member", what="the members table")


def names(app):
    return [row[0] for row in table(app).rows()]


def counted(app):
    return next((node.text() for node in app.window.find_all("label") if " members" in node.name), None)


def search(app):
    return app.find("entry", "Search names, acronyms, cities, contacts, notes")


def editor_field(app, title):
    """The entry of the editor's field @title."""
    return next((node for node in app.window.find_all("text") if node.name == title), None)


def open_member(app, name):
    app.key("ctrl+f")
    wait_for(lambda: search(app).focused, "Ctrl+F to focus the search")
    app.type(name)
    wait_for(lambda: names(app)[:1] == [name], f"{name} to come first")
    app.key("Return")
    return wait_for(lambda: editor_field(app, "Name"), "Enter in the search to open the first result")


def test_search_narrows_and_escape_brings_all_back(app):
    wait_for(lambda: counted(app) == ALL, "the whole list")
    app.key("ctrl+f")
    wait_for(lambda: search(app).focused, "Ctrl+F to focus the search")
    app.type("Phnom Penh")
    wait_for(lambda: sorted(names(app)) == IN_PHNOM_PENH,
             f"the four members in Phnom Penh, not {names(app)}")
    check(counted(app) == "4 members in 1 country", f"the summary says {counted(app)!r}")
    app.key("Escape")
    wait_for(lambda: counted(app) == ALL, "Escape to clear the search")
    check(search(app).text() == "", f"the search still holds {search(app).text()!r}")


def test_column_headings_sort(app):
    wait_for(lambda: counted(app) == ALL, "the whole list")
    check(names(app)[0] == "Alalay sa Kaunlaran Inc.", f"the list starts with {names(app)[0]!r}, not by name")
    app.click(app.find("label", "Name", what="the Name heading"))
    wait_for(lambda: names(app)[0] == "បណ្តាញសហគ្រាសសង្គមកម្ពុជា", "a click on Name to sort the other way")
    dues = app.find("label", "Dues Paid Until", what="the Dues Paid Until heading")
    app.click(dues)
    wait_for(lambda: table(app).rows()[0][5] == "31 Dec 2017", "a click on Dues Paid Until to sort by it")
    check(names(app)[:2] == ["Global Movement of Moderates", "Asian Strategy & Leadership Institute"],
          f"the earliest dues are not first: {names(app)[:2]}")
    app.click(dues)
    wait_for(lambda: table(app).rows()[0][5] == "31 Dec 2027", "a second click to put the latest first")
    check(names(app)[0] == "Liên minh Hợp tác xã Việt Nam", f"{names(app)[0]!r} comes first")


def test_typing_then_enter_saves(app):
    name = open_member(app, MEMBER)
    app.click(name)
    app.key("End")
    app.type(" Cooperative")
    app.key("Return")
    wait_for(lambda: app.query_one("SELECT count(*) FROM member WHERE name = ?", MEMBER + " Cooperative") == 1,
             "Enter in the editor to save the new name")
    check(app.query_one("SELECT count(*) FROM member WHERE name = ?", MEMBER) == 0, "the old name stayed")


def test_escape_with_changes_asks_first(app):
    name = open_member(app, MEMBER)
    app.click(name)
    app.key("End")
    app.type(" Cooperative")
    app.key("Escape")
    # Escape closes the editor; with a change not saved, it asks first.
    ask = wait_for(lambda: app.find_dialog("Save Changes?"), "Escape to ask about the change")
    ask.key("Escape")
    wait_for(lambda: app.find_dialog("Save Changes?") is None, "Escape to cancel the question")
    check(editor_field(app, "Name").text() == MEMBER + " Cooperative", "the change was lost on Cancel")
    app.key("Escape")
    ask = wait_for(lambda: app.find_dialog("Save Changes?"), "Escape to ask again")
    ask.click(ask.find("push button", prefix="_Discard"))
    wait_for(lambda: editor_field(app, "Name") is None, "Discard to close the editor")
    check(app.query_one("SELECT count(*) FROM member WHERE name = ?", MEMBER) == 1, "the name changed on Discard")


def test_disabled_save_does_nothing(app):
    name = open_member(app, MEMBER)
    save = app.find("push button", prefix="_Save", what="the Save button")
    app.click(name)
    app.key("ctrl+a", "BackSpace")
    wait_for(lambda: not save.sensitive, "Save to turn off when the name is empty")
    check(app.window.find("label", "Name is required") is not None, "no message beside the empty name")
    before = app.query("SELECT name, updated_at FROM member WHERE name = ?", MEMBER)
    app.click(save)
    app.key("ctrl+s")
    app.key("Return")
    # The keyboard is still in the empty name (an entry's focus is not on
    # the accessibility bus in GTK 4.8; what is typed shows where it is).
    app.type("X")
    wait_for(lambda: editor_field(app, "Name").text() == "X", "the keys to go on into the empty name")
    check(app.query("SELECT name, updated_at FROM member WHERE name = ?", MEMBER) == before,
          "a disabled Save wrote the member")
    check(app.query_one("SELECT count(*) FROM member WHERE name = ''") == 0, "an empty name was saved")


def test_main_menu_is_named_and_opens(app):
    # A screen reader says the button's name; a menu without one is "button".
    menu = app.find("push button", "Main Menu", what="a button named Main Menu")
    app.click(menu)
    app.find("menu item", "Import CSV…", what="the main menu's Import CSV…")


NEPAL = "Nepal Agricultural Cooperative Central Federation"


def test_command_line_import_shows_without_restart(app):
    """The headless import, run from cron while the window is open, writes
    through a connection of its own: the list and its summary follow."""
    wait_for(lambda: counted(app) == ALL, "the whole list")
    csv = os.path.join(app.workdir, "new-members.csv")
    with open(csv, "w") as f:
        f.write(f"Name,Kind,Country,City\n{NEPAL},cooperative,Nepal,Kathmandu\n")
    run_cli(app, "--import-csv", csv)
    wait_for(lambda: counted(app) == "35 members in 13 countries",
             f"the summary to count the new member, not {counted(app)!r}", deadline=3)
    app.key("ctrl+f")
    wait_for(lambda: search(app).focused, "Ctrl+F to focus the search")
    app.type("Nepal")
    wait_for(lambda: names(app) == [NEPAL], f"the new member in the list, not {names(app)}")


def run_cli(app, *args):
    done = subprocess.run([sys.argv[1], "--db", app.db, *args], capture_output=True, text=True, timeout=60)
    check(done.returncode == 0, f"the command line failed: {done.stderr}")


def test_editor_takes_changes_from_elsewhere_and_keeps_its_own(app):
    """Someone edits a member's acronym while the command line updates its
    city: the editor shows the new city, keeps the typed acronym, says so,
    and saving writes both."""
    acronym = open_member(app, MEMBER) and editor_field(app, "Acronym")
    app.click(acronym)
    app.key("End")
    app.type("KH")
    csv = os.path.join(app.workdir, "update.csv")
    with open(csv, "w") as f:
        f.write(f"Name,Kind,Country,City\n{MEMBER},ngo,Cambodia,Siem Reap\n")
    run_cli(app, "--import-csv", csv, "--duplicates", "update")
    wait_for(lambda: editor_field(app, "City").text() == "Siem Reap",
             f"the editor to show the new city, not {editor_field(app, 'City').text()!r}", deadline=3)
    check(editor_field(app, "Acronym").text() == "DEWKH", f"the typed acronym became {editor_field(app, 'Acronym').text()!r}")
    wait_for(lambda: next((n for n in app.window.find_all("label") if n.name.startswith("This record changed elsewhere")),
                          None), "the editor to say the record changed elsewhere")
    app.key("Return")
    wait_for(lambda: app.query_one("SELECT acronym FROM member WHERE name = ?", MEMBER) == "DEWKH",
             "Enter to save the typed acronym")
    check(app.query_one("SELECT city FROM member WHERE name = ?", MEMBER) == "Siem Reap", "the new city was lost on save")


def empty_database(db):
    """A first start: no file yet, so the app makes an empty one."""
    os.remove(db)


def test_sample_from_the_empty_list_says_what_came(app):
    button = app.find("push button", prefix="Load _Sample Network", what="the empty list's Load Sample Network")
    app.click(button)
    toast = wait_for(lambda: app.window.find("label", prefix="Added "), "a toast saying what was added")
    members = app.query_one("SELECT count(*) FROM member WHERE deleted = 0")
    events = app.query_one("SELECT count(*) FROM event WHERE deleted = 0")
    items = app.query_one("SELECT count(*) FROM roadmap_item WHERE deleted = 0")
    said = f"Added {members} members, {events} events, {items} roadmap items from the sample network"
    check(toast.text() == said, f"the toast says {toast.text()!r}, not {said!r}")
    wait_for(lambda: counted(app) == ALL, "the summary line to count the sample's members")


test_sample_from_the_empty_list_says_what_came.before = empty_database


person.main(globals())
