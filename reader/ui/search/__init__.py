"""What every pane's search is made of: the pager-style bar (`bar`) and the
pane (`pane`) that runs a search over its view and shows the matches."""
