"""How the main screen lays its three panes out: side by side on a wide
terminal, the list beside the body above the thread on a medium one, one pane
at a time on a narrow one (`tab` switches). The screen takes the layout's
class as the terminal is resized (`width_class`)."""

# The panes in tab order: the container's id, and the id of the view inside it.
PANES = ("articles", "body", "thread")
# The layouts, by the least terminal width that takes each.
WIDTH_CLASSES = ((160, "-wide"), (100, "-medium"), (0, "-narrow"))


def width_class(width: int) -> str:
    """The layout class for a terminal `width` columns wide."""
    return next(name for least, name in WIDTH_CLASSES if width >= least)


MAIN_CSS = """
MainScreen {
    #panes { height: 1fr; }
    .pane {
        border: round $foreground 30%;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        background: $surface;
        &:focus-within {
            border: round $accent;
            border-title-color: $text;
            border-title-style: bold;
            border-subtitle-color: $text;
        }
        & > ArticleList, & > ArticleBody, & > ThreadView {
            height: 1fr;
            border: none;
            background: $surface;
        }
    }
    #reading { height: 1fr; }
    &.-wide {
        #articles-pane { width: 34; }
        #reading { layout: horizontal; width: 1fr; }
        #body-pane { width: 1fr; max-width: 86; height: 1fr; }
        #thread-pane { width: 1fr; height: 1fr; }
    }
    &.-medium {
        #articles-pane { width: 34; }
        #reading { layout: vertical; width: 1fr; }
        #body-pane { height: 2fr; }
        #thread-pane { height: 3fr; }
    }
    &.-narrow {
        #articles-pane, #reading, #body-pane, #thread-pane { display: none; }
        .pane { width: 1fr; height: 1fr; }
        &.-show-articles #articles-pane { display: block; }
        &.-show-body #reading, &.-show-body #body-pane { display: block; }
        &.-show-thread #reading, &.-show-thread #thread-pane { display: block; }
    }
}
"""
