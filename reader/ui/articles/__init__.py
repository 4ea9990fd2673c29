"""The article list pane: the list (`list`), the load's progress (`progress`),
and the pane (`pane`) whose search narrows the list."""
