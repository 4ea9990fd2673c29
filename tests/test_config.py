"""The config file (issue 11): settings read, one message per problem with file
and line, defaults for what is wrong, and `reader --print-config`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import Config, load_config
from reader.config.keys import key_problem
from reader.errors import LoadError
from reader.loading import Loading
from tests.builders import write

KNOWN_IDS = {"thread.toggle", "thread.down", "app.quit"}


def config_file(tmp_path: Path, text: str) -> Path:
    return write(tmp_path / "conf" / "config.toml", text)


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        'theme = "nord"\ntime = "absolute"\npaths = ["~/articles", "sub/dir", "/abs"]\n'
        '[keys]\n"thread.toggle" = "x"\n"thread.down" = ["j", "ctrl+n"]\n',
    )
    config = load_config(path)
    assert config.problems == []
    assert config.theme == "nord"
    assert config.time == "absolute"
    assert config.paths == (
        Path.home() / "articles",
        path.parent / "sub" / "dir",
        Path("/abs"),
    )
    assert config.keys == {"thread.toggle": ("x",), "thread.down": ("j", "ctrl+n")}


@pytest.mark.parametrize(
    ("setting", "environment", "level"),
    [
        ("", {}, "none"),
        ("", {"TEXTUAL_ANIMATIONS": "full"}, "full"),
        ("", {"TEXTUAL_ANIMATIONS": "BASIC"}, "basic"),
        ("", {"TEXTUAL_ANIMATIONS": "lots"}, "none"),
        ('animation = "full"\n', {}, "full"),
        ('animation = "basic"\n', {"TEXTUAL_ANIMATIONS": "full"}, "basic"),
        ('animation = "none"\n', {"TEXTUAL_ANIMATIONS": "full"}, "none"),
    ],
)
def test_scrolling_jumps_unless_the_config_or_textual_s_variable_asks_for_animation(
    tmp_path: Path, setting: str, environment: dict[str, str], level: str
) -> None:
    config = load_config(config_file(tmp_path, setting))
    assert config.problems == []
    assert config.animation_level(environment) == level


def test_the_layout_table_is_read_and_its_problems_told(tmp_path: Path) -> None:
    path = config_file(tmp_path, "[layout]\ncomments = 70\nlist = 40\n")
    config = load_config(path)
    assert config.problems == []
    assert (config.layout.comments, config.layout.list_width) == (70, 40)
    path = config_file(tmp_path, '[layout]\ncomments = 99\nlist = "wide"\nsides = 2\n')
    config = load_config(path)
    assert config.problems == [
        f"{path}:4: [layout]: unknown setting 'sides'",
        f"{path}:2: [layout]: comments: expected a whole number from 20 to 85%",
        f"{path}:3: [layout]: list: expected a whole number from 20 to 80 columns",
    ]
    assert (config.layout.comments, config.layout.list_width) == (None, None)


def test_the_feeds_table_names_the_feeds_read_whole_and_its_problems_told(
    tmp_path: Path,
) -> None:
    path = config_file(tmp_path, '[feeds]\nwhole_article = ["https://blog.example/feed/"]\n')
    config = load_config(path)
    assert config.problems == []
    assert config.whole_article == {"https://blog.example/feed/"}
    path = config_file(tmp_path, '[feeds]\nwhole_article = ["feed.xml"]\nfull = true\n')
    config = load_config(path)
    assert config.problems == [
        f"{path}:3: [feeds]: unknown setting 'full'",
        f"{path}:2: [feeds]: whole_article: expected a list of feed URLs",
    ]
    assert config.whole_article == frozenset()


def test_an_unknown_animation_level_is_a_problem_and_the_default_holds(tmp_path: Path) -> None:
    path = config_file(tmp_path, 'time = "absolute"\nanimation = "smooth"\n')
    config = load_config(path)
    assert config.problems == [f'{path}:2: animation: expected "none", "basic" or "full"']
    assert config.animation_level({}) == "none"


def test_the_keymap_is_in_set_keymap_form_for_known_ids_only(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        '[keys]\n"thread.down" = ["j", "ctrl+n"]\nthread.toggle = "x"\n"no.such" = "z"\n',
    )
    config = load_config(path)
    assert config.keymap(KNOWN_IDS) == {"thread.down": "j,ctrl+n", "thread.toggle": "x"}
    assert config.check_keys(KNOWN_IDS) == [f"{path}:4: [keys]: unknown binding id 'no.such'"]


def test_no_file_at_the_default_place_is_the_defaults_without_a_word() -> None:
    config = load_config()
    assert config.source == Path(os.environ["XDG_CONFIG_HOME"]) / "reader" / "config.toml"
    assert (config.problems, config.keys, config.theme, config.time, config.paths) == (
        [],
        {},
        None,
        "relative",
        (),
    )


def test_a_missing_config_named_on_the_command_line_is_a_problem(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope.toml")
    assert config.problems == [f"{tmp_path / 'nope.toml'}: no such file"]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('theme = "nord"\ntime = \n', 2, "Invalid value (column 8)"),
        ('theme = "nord"\n[keys\n', 2, "Expected ']' at the end of a table declaration"),
        ('theme = "nord', 1, "Unterminated string (at the end of the file)"),
    ],
)
def test_a_syntax_error_is_one_message_with_its_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = config_file(tmp_path, text)
    config = load_config(path)
    (problem,) = config.problems
    assert problem.startswith(f"{path}:{line}: {reason}")
    # Nothing from a file that does not parse is used.
    assert (config.theme, config.keys) == (None, {})


def test_each_problem_is_one_message_and_the_rest_still_applies(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        "\n".join(
            [
                'colour = "red"',  # 1
                'time = "sometimes"',  # 2
                'theme = "nord"',  # 3
                "paths = 5",  # 4
                "[keys]",  # 5
                '"thread.toggle" = "Ctrl+X"',  # 6
                '"thread.down" = ["j", ","]',  # 7
                '"app.quit" = "Q"',  # 8
                '"thread.up" = 3',  # 9
                '"thread.first" = []',  # 10
            ]
        ),
    )
    config = load_config(path)
    assert config.problems == [
        f"{path}:1: unknown setting 'colour'",
        f'{path}:2: time: expected "relative" or "absolute"',
        f"{path}:4: paths: expected a list of paths",
        f"{path}:6: [keys]: thread.toggle: 'Ctrl+X': 'Ctrl' is not a modifier "
        "(ctrl, alt, shift, super, meta, hyper)",
        f"{path}:7: [keys]: thread.down: ',': write it as 'comma'",
        f"{path}:9: [keys]: thread.up: expected a key or a list of keys",
        f"{path}:10: [keys]: thread.first: no key given",
    ]
    assert (config.time, config.paths, config.theme) == ("relative", (), "nord")
    assert config.keys == {"app.quit": ("Q",)}


@pytest.mark.parametrize(
    "key", ["j", "J", "?", "ctrl+x", "alt+r", "f5", "pagedown", "ctrl+shift+up", "question_mark"]
)
def test_key_names_that_are_accepted(key: str) -> None:
    assert key_problem(key) is None


@pytest.mark.parametrize(
    "key", ["Ctrl+x", "ctrl+", "PageDown", "ctrl+ctrl+x", "cmd+x", " ", ",", "\x1b", "f-5", ""]
)
def test_key_names_that_are_refused(key: str) -> None:
    assert key_problem(key) is not None


def test_an_unknown_theme_is_a_problem_and_the_remembered_theme_is_used(tmp_path: Path) -> None:
    path = config_file(tmp_path, '\n\ntheme = "no-such-theme"\n')
    config = load_config(path)
    themes = {"nord", "textual-dark"}
    assert config.check_theme(themes) == [f"{path}:3: theme: unknown theme 'no-such-theme'"]
    assert config.choose_theme(themes, remembered="nord") == "nord"
    assert config.choose_theme(themes, remembered="gone") is None


def test_the_configs_theme_wins_over_the_remembered_one() -> None:
    config = Config(theme="nord")
    assert config.check_theme({"nord"}) == []
    assert config.choose_theme({"nord", "gruvbox"}, remembered="gruvbox") == "nord"


def test_text_in_a_problem_cannot_reach_the_terminal(tmp_path: Path) -> None:
    path = config_file(tmp_path, '"\\u001b[31mred" = 1\n')
    (problem,) = load_config(path).problems
    assert "\x1b" not in problem


# reader --print-config -------------------------------------------------------------------------


def test_print_config_prints_every_setting_commented_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--print-config"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    settings = [line for line in lines if line and not line.startswith("#")]
    assert settings == ["[layout]", "[network]", "[network.hosts]", "[feeds]", "[keys]"]
    for setting in ('# theme = "textual-dark"', '# time = "relative"', "# paths = []"):
        assert setting in lines
    toggle = '# "thread.toggle" = ["space", "enter"]  # Fold or unfold the comment'
    assert any(line.startswith(toggle) for line in lines)
    assert '# "thread.depth.3" = "3"' in out


def test_print_config_uncommented_is_a_config_that_loads_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--print-config"])
    lines = capsys.readouterr().out.splitlines()
    # A setting's line is `# name = value`; prose lines stay comments.
    setting = re.compile(r'# ("[^"]+"|[a-z]+) = ')
    text = "\n".join(
        line.removeprefix("# ") if setting.match(line) else line
        for line in lines
        if not line.startswith("# paths")
    )
    config = load_config(write(tmp_path / "config.toml", text))
    assert config.problems == []
    assert config.theme == "textual-dark"
    assert config.keys["search.open"] == ("slash",)


def test_print_config_as_a_command_starts_no_ui(tmp_path: Path) -> None:
    broken = write(tmp_path / "config.toml", "this is [not toml")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--print-config", "--config", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith(f"# reader's configuration: {broken}\n")
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout


# The config reaches the app --------------------------------------------------------------------


def test_the_configs_paths_are_what_reader_opens_without_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    class Recorder:
        def __init__(self, loading, *, state, config, warnings, offline) -> None:  # type: ignore[no-untyped-def]
            seen.update(paths=_paths_of(loading), state=state, config=config)
            self.article_count, self.load_errors, self.return_code = 1, [], 0

        def run(self) -> None:
            pass

    monkeypatch.setattr("reader.ui.app.ReaderApp", Recorder)
    article = write(tmp_path / "mine" / "a.yaml", "title: Mine\nbody: Words.\n")
    config = write(tmp_path / "config.toml", 'paths = ["mine"]\ntime = "absolute"\n')
    assert main(["--config", str(config), "--no-state"]) == 0
    assert seen["paths"] == [article]
    assert seen["state"] is None
    assert seen["config"].time == "absolute"  # type: ignore[attr-defined]


def _paths_of(loading: Loading) -> list[Path | None]:
    """The file of every article `loading` gives."""
    return [
        prepared.article.path
        for result in loading
        if not isinstance(result, LoadError)
        for prepared in result.articles
    ]


def test_refresh_minutes_is_read_and_a_bad_one_is_one_problem_naming_its_line(
    tmp_path: Path,
) -> None:
    config = load_config(write(tmp_path / "config.toml", "[network]\nrefresh_minutes = 15\n"))
    assert config.problems == [] and config.network.refresh_minutes == 15
    config = load_config(write(tmp_path / "bad.toml", '[network]\nrefresh_minutes = "often"\n'))
    assert config.network.refresh_minutes == 0
    (problem,) = config.problems
    assert "bad.toml:2" in problem and "refresh_minutes" in problem
