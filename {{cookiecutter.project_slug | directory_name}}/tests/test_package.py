"""Tests for the package's public API, as users import it."""

from importlib.metadata import version

import {{ cookiecutter.package_name }}


def test_version_is_the_installed_distributions() -> None:
    distribution = {{ cookiecutter.project_slug | py }}
    assert {{ cookiecutter.package_name }}.__version__ == version(distribution)


def test_public_api_is_importable_from_the_package() -> None:
    for name in {{ cookiecutter.package_name }}.__all__:
        assert hasattr({{ cookiecutter.package_name }}, name), name
    assert {{ cookiecutter.package_name }}.greet("Ada") == "Hello, Ada!"
