"""The main window: it builds the widgets and wires controllers, panels and actions."""
