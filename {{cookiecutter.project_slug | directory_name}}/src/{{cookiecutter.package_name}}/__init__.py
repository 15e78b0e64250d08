"""The public API of the `{{ cookiecutter.package_name }}` package.

{{ cookiecutter.project_name | docstring }}: {{ cookiecutter.description | docstring }}

Users import from here; the modules beside this file hold the code.
"""

from importlib.metadata import version

from {{ cookiecutter.package_name }}.core import greet
from {{ cookiecutter.package_name }}.names import normalize_name

__all__ = ["__version__", "greet", "normalize_name"]

__version__ = version({{ cookiecutter.project_slug | py }})
