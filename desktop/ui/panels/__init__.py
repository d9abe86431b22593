"""The widgets the window shows: side lists, the answer page, the visit sheet, text views."""
