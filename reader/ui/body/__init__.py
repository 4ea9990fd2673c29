"""The article pane: the body view (`view`), the pieces it lays out lazily
(`pieces`), and the pane (`pane`) that holds it and its search."""
