"""The config file (`config.toml`): keymap, theme, time style, default paths.
No Textual, no Rich: the UI passes in what it knows (binding ids, theme names)."""

from .settings import Config, default_config_path, load_config
from .template import config_template

__all__ = ["Config", "config_template", "default_config_path", "load_config"]
