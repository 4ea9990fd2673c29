"""The comments pane: the thread view (`view`) over its rows (`rows`), the
painter of one comment (`painter`), the search's matches (`matches`), the
minimap, and the pane (`pane`) that holds the view and its search."""
