"""The real app, used as a person uses it.

Starts the secretariat binary on a database of its own in the X server the
suite runs in (build-aux/test starts Xvfb and a D-Bus session), gives it
real input through XTEST (xdotool), and reads what happened from the
accessibility tree (AT-SPI) and from the database. Nothing here calls into
the app: if a person could not do it, neither can a test.

A test is a script that defines functions named test_*, each taking an App,
and ends with person.main(globals()); each function gets a fresh app on a
fresh copy of the sample network and prints one TAP line. A test's
settings attribute gives it settings of its own, and its before attribute
a function that readies the copy (its path) before the app opens it, as
another program would have left it. The script's argument is the
secretariat binary.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

# Long enough for a slow machine under load; a wait ends as soon as its
# condition holds, so a passing test never sleeps this long.
DEADLINE = 20.0


class Failure(Exception):
    pass


def wait_for(condition, what, deadline=DEADLINE):
    """Polls condition() until it returns something true, and returns it."""
    end = time.monotonic() + deadline
    while True:
        try:
            value = condition()
        except gi.repository.GLib.Error:
            value = None   # the tree changed under us; ask again
        if value:
            return value
        if time.monotonic() > end:
            raise Failure(f"waited {deadline:.0f} s for {what}")
        time.sleep(0.05)


def xdotool(*args):
    subprocess.run(["xdotool", *map(str, args)], check=True)


class Node:
    """One accessible of the app, with the questions a test asks of it."""

    def __init__(self, acc, bounds=None):
        self.acc = acc
        self.bounds = bounds   # the window's width and height, for what slid out of it

    @property
    def name(self):
        return self.acc.get_name() or ""

    @property
    def role(self):
        return self.acc.get_role_name()

    @property
    def description(self):
        return self.acc.get_description() or ""

    def has_state(self, state):
        return self.acc.get_state_set().contains(state)

    @property
    def focused(self):
        return self.has_state(Atspi.StateType.FOCUSED)

    @property
    def sensitive(self):
        return self.has_state(Atspi.StateType.SENSITIVE)

    @property
    def showing(self):
        # GTK 4.8 sets no SHOWING state; what is not on screen has no size.
        if not self.has_state(Atspi.StateType.VISIBLE):
            return False
        try:
            _, _, width, height = self.extents()
        except gi.repository.GLib.Error:
            return False   # not a widget on screen
        if width <= 0 or height <= 0:
            return False
        if self.bounds is not None:
            x, y, _, _ = self.extents()
            return x < self.bounds[0] and y < self.bounds[1] and x + width > 0 and y + height > 0
        return True

    def children(self):
        for i in range(self.acc.get_child_count()):
            child = self.acc.get_child_at_index(i)
            if child is not None:
                yield Node(child, self.bounds)

    def walk(self):
        yield self
        for child in self.children():
            yield from child.walk()

    def find_all(self, role=None, name=None, prefix=None, showing=True):
        for node in self.walk():
            if role is not None and node.role != role:
                continue
            if name is not None and node.name != name:
                continue
            if prefix is not None and not node.name.startswith(prefix):
                continue
            if showing and not node.showing:
                continue
            yield node

    def find(self, role=None, name=None, prefix=None, showing=True):
        return next(self.find_all(role, name, prefix, showing), None)

    def text(self):
        """The text of a label or an entry."""
        text = self.acc.get_text_iface() if hasattr(self.acc, "get_text_iface") else None
        if text is None:
            return self.name
        return Atspi.Text.get_text(text, 0, Atspi.Text.get_character_count(text))

    def rows(self):
        """The rows of a list or table on screen, top to bottom, each as the
        texts of its cells: a list view recycles its rows, so the order of
        the tree is not the order on screen."""
        rows = [node for node in self.find_all("table row") if node.find("table cell") is not None]
        rows.sort(key=lambda row: row.extents()[1])
        return [[cell.find("label").text() if cell.find("label") else "" for cell in row.children()]
                for row in rows]

    def at_rest(self):
        before = self.extents()
        time.sleep(0.1)
        return self.extents() == before

    def extents(self):
        """x, y, width, height relative to the window, as GTK tells them."""
        rect = Atspi.Component.get_extents(self.acc, Atspi.CoordType.WINDOW)
        return rect.x, rect.y, rect.width, rect.height


class App:
    def __init__(self, binary, sample, workdir, settings=None, size=(1280, 800), before=None):
        self.workdir = workdir
        self.db = os.path.join(workdir, "network.db")
        shutil.copy(sample, self.db)
        if before is not None:
            before(self.db)
        env = dict(os.environ)
        # The accessibility bus is how this test reads the window.
        env.pop("NO_AT_BRIDGE", None)
        env["GTK_A11Y"] = "atspi"
        env["GSETTINGS_BACKEND"] = "keyfile"
        env["XDG_CONFIG_HOME"] = os.path.join(workdir, "config")
        env["XDG_DATA_HOME"] = os.path.join(workdir, "data")
        self.write_settings(env["XDG_CONFIG_HOME"], dict(settings or {},
                                                         **{"window-width": size[0], "window-height": size[1]}))
        self.log = open(os.path.join(workdir, "app.log"), "w+")
        self.process = subprocess.Popen([binary, "--db", self.db], env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.window = wait_for(self.find_window, "the window to open")
        self.xid = wait_for(self.find_xid, "the X window")
        # No window manager in Xvfb: give the window the keyboard, and put
        # the pointer in it, as a person's click would.
        xdotool("windowfocus", "--sync", self.xid)
        wait_for(lambda: self.window.has_state(Atspi.StateType.ACTIVE), "the window to be active")

    @staticmethod
    def write_settings(config, values):
        os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
        lines = ["[org/asec/Secretariat]"]
        for key, value in values.items():
            if isinstance(value, bool):
                lines.append(f"{key}={'true' if value else 'false'}")
            elif isinstance(value, int):
                lines.append(f"{key}={value}")
            else:
                lines.append(f"{key}='{value}'")
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write("\n".join(lines) + "\n")

    def find_window(self):
        if self.process.poll() is not None:
            raise Failure(f"the app exited with {self.process.returncode}: {self.output()}")
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_process_id() == self.process.pid:
                for window in Node(app).children():
                    if window.role == "frame" and window.showing:
                        _, _, width, height = window.extents()
                        return Node(window.acc, (width, height))
        return None

    def find_xid(self):
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                               capture_output=True, text=True).stdout.split()
        return found[-1] if found else None

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def find_dialog(self, text):
        """The app's other window (a dialog, a question) that shows a label
        @text, or None."""
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is None or app.get_process_id() != self.process.pid:
                continue
            for window in Node(app).children():
                if window.acc != self.window.acc and window.showing and window.find("label", text) is not None:
                    _, _, width, height = window.extents()
                    return Dialog(self, Node(window.acc, (width, height)))
        return None

    # Finding things

    def find(self, role=None, name=None, prefix=None, what=None):
        return wait_for(lambda: self.window.find(role, name, prefix),
                        what or f"a {role or 'widget'} named {name or prefix!r}")

    def focus(self):
        return wait_for(lambda: next((n for n in self.window.walk() if n.focused), None), "a focused widget")

    # Input, through the X server

    def click(self, node, button=1):
        click_in(self.xid, node, button)

    def drag(self, source, target):
        """Presses on source, moves in steps as a hand does, releases on target."""
        sx, sy, sw, sh = source.extents()
        tx, ty, tw, th = target.extents()
        start = (sx + sw // 2, sy + sh // 2)
        end = (tx + tw // 2, ty + min(th // 2, 40))
        xdotool("mousemove", "--window", self.xid, *start)
        xdotool("mousedown", 1)
        steps = 12
        for i in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * i // steps
            y = start[1] + (end[1] - start[1]) * i // steps
            xdotool("mousemove", "--window", self.xid, x, y)
            time.sleep(0.03)
        time.sleep(0.2)
        xdotool("mouseup", 1)

    def choose(self, name):
        """Picks the entry of the open menu with the keyboard: a popover is a
        surface of its own, which window coordinates do not reach."""
        self.find("menu item", name)
        for _ in range(30):
            focus = self.focus()
            if focus.role == "menu item" and focus.name == name:
                self.key("Return")
                return
            self.key("Down")
        raise Failure(f"Down never reached the menu entry {name!r}")

    def key(self, *keys):
        for key in keys:
            xdotool("key", "--clearmodifiers", key)

    def type(self, text):
        xdotool("type", "--delay", 20, text)

    # The database

    def query(self, sql, *args):
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as db:
            return db.execute(sql, args).fetchall()

    def query_one(self, sql, *args):
        rows = self.query(sql, *args)
        return rows[0][0] if rows else None


def click_in(xid, node, button=1):
    x, y, width, height = node.extents()
    if width <= 0 or height <= 0:
        raise Failure(f"{node.role} {node.name!r} has no size on screen")
    xdotool("mousemove", "--window", xid, x + width // 2, y + height // 2)
    xdotool("click", button)


class Dialog:
    """A window of the app beside its main one, which takes the keyboard
    as a person's click on it would."""

    def __init__(self, app, window):
        self.app = app
        self.window = window
        self.xid = wait_for(self.find_xid, "the dialog's X window")
        # A window manager would put it above its parent and give it the
        # keyboard; Xvfb has none.
        xdotool("windowraise", self.xid)
        xdotool("windowfocus", "--sync", self.xid)

    def find_xid(self):
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.app.process.pid)],
                               capture_output=True, text=True).stdout.split()
        _, _, width, height = self.window.extents()
        for xid in reversed(found):
            if xid == self.app.xid:
                continue
            geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                                      capture_output=True, text=True).stdout
            size = dict(line.split("=", 1) for line in geometry.split())
            # GTK's client-side shadow makes the X window larger than the widget.
            if int(size.get("WIDTH", 0)) >= width and int(size.get("HEIGHT", 0)) >= height:
                return xid
        return None

    def find(self, role=None, name=None, prefix=None, what=None):
        return wait_for(lambda: self.window.find(role, name, prefix),
                        what or f"a {role or 'widget'} named {name or prefix!r} in the dialog")

    def focus(self):
        return wait_for(lambda: next((n for n in self.window.walk() if n.focused), None),
                        "a focused widget in the dialog")

    def click(self, node, button=1):
        click_in(self.xid, node, button)

    def scroll_to(self, role, name):
        """Turns the mouse wheel over the window, as a person scrolls a form
        down, until the widget shows; returns it."""
        _, _, _, window_height = self.window.extents()
        for _ in range(40):
            found = self.window.find(role, name)
            if found is not None and found.extents()[1] + found.extents()[3] <= window_height:
                # The wheel scrolls smoothly: wait for the form to come to rest.
                return wait_for(lambda: found if found.at_rest() else None, f"the {role} {name!r} to stop moving")
            _, _, width, height = self.window.extents()
            xdotool("mousemove", "--window", self.xid, width // 2, height * 2 // 3)
            xdotool("click", 5)
            time.sleep(0.05)
        raise Failure(f"scrolling never showed the {role} {name!r}")

    def pick(self, combo, name):
        """Opens a dropdown row with a click and picks the entry @name with
        the keyboard, as in App.choose: its list is a surface of its own."""
        self.click(combo)
        for _ in range(30):
            self.key("Down")
            focus = self.focus()
            # An entry of the open list, not the row that shows the choice.
            if focus.find("label", name, showing=False) is not None and focus.find("combo box", showing=False) is None:
                self.key("Return")
                return
        raise Failure(f"Down never reached the entry {name!r}")

    def key(self, *keys):
        self.app.key(*keys)

    def type(self, text):
        self.app.type(text)


def check(condition, message):
    if not condition:
        raise Failure(message)


def make_sample(binary):
    """The sample network, made once by the app's own verb."""
    folder = tempfile.mkdtemp(prefix="secretariat-sample-")
    sample = os.path.join(folder, "sample.db")
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    subprocess.run([binary, "--db", sample, "--load-sample"], env=env, check=True, capture_output=True)
    return sample


def main(tests):
    """Runs each test_* function on a fresh app and reports in TAP."""
    binary = sys.argv[1]
    sample = make_sample(binary)
    names = [name for name in tests if name.startswith("test_")]
    print(f"1..{len(names)}", flush=True)
    failed = 0
    for number, name in enumerate(names, 1):
        workdir = tempfile.mkdtemp(prefix="secretariat-person-")
        app = None
        try:
            settings = getattr(tests[name], "settings", None)
            app = App(binary, sample, workdir, settings, before=getattr(tests[name], "before", None))
            tests[name](app)
            print(f"ok {number} {name}", flush=True)
        except Exception as error:
            failed += 1
            print(f"not ok {number} {name}", flush=True)
            for line in traceback.format_exception(error):
                for part in line.rstrip().splitlines():
                    print(f"# {part}")
            if app is not None:
                for part in app.output().splitlines()[-20:]:
                    print(f"# app: {part}")
        finally:
            if app is not None:
                app.close()
            shutil.rmtree(workdir, ignore_errors=True)
    shutil.rmtree(os.path.dirname(sample), ignore_errors=True)
    sys.exit(1 if failed else 0)
