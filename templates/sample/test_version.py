{# The test of __version__, in tests/test_<pkg>.py (module) and tests/test_package.py (library). -#}
def test_version_is_the_installed_distributions() -> None:
    distribution = {{ cookiecutter.project_slug | py }}
    assert {{ cookiecutter.package_name }}.__version__ == version(distribution)
