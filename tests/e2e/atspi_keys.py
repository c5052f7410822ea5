# atspi_keys.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keyboard, pointer and dialog helpers for the end-to-end scripts that
need more than actions: giving a window the X focus (there is no window
manager under Xvfb), typing, clicking at a node, picking a row of a combo
row, choosing a file in the file chooser by typing its path, and training
through the Train dialog.

Import this after atspi_common (it loads pyatspi, which needs the bus)."""

import ctypes
import ctypes.util
import os
import time

import pyatspi

from atspi_common import click, find, settle, wait_for, window

KEY_DOWN, KEY_RETURN = 0xFF54, 0xFF0D

_xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
_xlib.XOpenDisplay.restype = ctypes.c_void_p
_xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
_xlib.XDefaultRootWindow.restype = ctypes.c_ulong
_xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_xlib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                             ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                             ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                             ctypes.POINTER(ctypes.c_uint)]
_xlib.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
_xlib.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
_xlib.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
_xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
_display = _xlib.XOpenDisplay(None)


def button(root, label):
    """The push button labelled exactly @label (GTK 4.8 names a button
    with a mnemonic "_Label Label")."""
    if root is None:
        return None

    def match(node):
        if node is None or node.getRoleName() != "push button":
            return False
        name = (node.name or "").replace("_", "")
        return name in (label, f"{label} {label}")

    return pyatspi.findDescendant(root, match, True)


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def focus_window(title):
    """What a window manager would do: raise the window and focus it."""
    root = _xlib.XDefaultRootWindow(_display)
    parent, children, n = ctypes.c_ulong(), ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    _xlib.XQueryTree(_display, root, ctypes.byref(ctypes.c_ulong()), ctypes.byref(parent),
                     ctypes.byref(children), ctypes.byref(n))
    for i in range(n.value):
        name = ctypes.c_char_p()
        if (_xlib.XFetchName(_display, children[i], ctypes.byref(name)) and name.value
                and name.value.decode() == title):
            _xlib.XRaiseWindow(_display, children[i])
            _xlib.XSetInputFocus(_display, children[i], 2, 0)  # RevertToParent, now
            _xlib.XSync(_display, 0)
            return True
    return False


def key(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    time.sleep(0.15)


def type_string(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
    time.sleep(0.15)


def click_at(node):
    """A real pointer click in the middle of @node (without a window
    manager, window coordinates are screen coordinates)."""
    x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(x + w // 2, y + h // 2, "b1c")


def choose_in_combo(dialog, title, row_name, rows_down, label):
    """Opens the combo row @row_name of the window @title with a click,
    goes @rows_down rows down from the first with the arrow keys and
    picks it; returns the row once it shows @label."""
    combo = wait_for(f"the {row_name} row", lambda: find(dialog, "combo box", row_name))
    focus_window(title)
    click_at(combo)
    time.sleep(0.8)
    for _ in range(rows_down):
        key(KEY_DOWN)
    key(KEY_RETURN)
    settle()
    return wait_for(f"the {row_name} row to show {label}",
                    lambda: find(combo, "label", label) and combo)


def choose_file(app, dialog, path):
    """Choose Files…, then type the path into the chooser's location entry
    (typing "/" opens it, as for any keyboard user) and press Add."""
    click_button = wait_for("Choose Files…", lambda: find(dialog, "push button", "Choose Files"))
    click_button.queryAction().doAction(0)
    chooser = wait_for("the file chooser", lambda: window(app, "Choose Dataset Files"))
    settle()
    wait_for("the file chooser to take the focus", lambda: focus_window("Choose Dataset Files"))
    type_string("/")
    location = wait_for("the location entry",
                        lambda: find(chooser, "text", "GtkFileChooserEntry"))
    location.queryEditableText().setTextContents(path)
    # The Add button appears in the tree a moment after the chooser under load.
    add = wait_for("the chooser's Add button", lambda: button(chooser, "Add"))
    time.sleep(0.3)
    add.queryAction().doAction(0)
    wait_for("the file chooser to close", lambda: window(app, "Choose Dataset Files") is None)
    settle()
    name = os.path.basename(path)
    wait_for(f"{name} in the New Dataset dialog",
             lambda: find(dialog, "label", name) or find(dialog, "list item", name))


def train(app, main_window, inspect=None):
    """Train the Language on the open model page, confirmed in the Train
    dialog once Train can be pressed; inspect(dialog), when given, looks at
    the dialog first."""
    click(wait_for("the Train button",
                   lambda: find(main_window, "push button", "Train the Language")))
    dialog = wait_for("the Train dialog", lambda: window(app, "Train the Language"))
    settle()
    confirm = wait_for("the Train dialog's Train button", lambda: button(dialog, "Train"))
    wait_for("Train to become enabled", lambda: sensitive(confirm))
    if inspect is not None:
        inspect(dialog)
    click(confirm)
    wait_for("the Train dialog to close", lambda: window(app, "Train the Language") is None)
