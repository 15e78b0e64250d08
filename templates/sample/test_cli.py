{# The tests of the command line, in tests/test_<pkg>.py (module) and tests/test_cli.py (library). -#}
SCRIPT = {{ cookiecutter.project_slug | py }}
# What `sys.argv[0]` holds when users start the command each way (a path, the file Python runs):
# the program must show its own name, not this.
ARGV0 = {"script": f"/usr/local/bin/{SCRIPT}", "python -m": "__main__.py"}


def run(
    how: str, args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[object, str, str]:
    """Run the command line with `args`; return its exit code, standard output and error."""
    monkeypatch.setattr(sys, "argv", [ARGV0[how], *args])
    code: object = 0
    try:
        if how == "script":
            (script,) = entry_points(group="console_scripts", name=SCRIPT)
            script.load()()
        else:
            runpy.run_module({{ cookiecutter.package_name | py }}, run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("how", ["script", "python -m"])
def test_cli_prints_a_greeting(
    how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(how, ["  Ada  Lovelace "], monkeypatch, capsys)
    assert (code, out) == (0, "Hello, Ada Lovelace!\n")


@pytest.mark.parametrize("how", ["script", "python -m"])
def test_cli_prints_its_name_and_version(
    how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(how, ["--version"], monkeypatch, capsys)
    version = {{ cookiecutter.package_name }}.__version__
    assert (code, out) == (0, f"{SCRIPT} {version}\n")


@pytest.mark.parametrize("how", ["script", "python -m"])
def test_cli_refuses_a_blank_name_with_a_usage_error(
    how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(how, ["   "], monkeypatch, capsys)
    assert code == 2
    assert out == ""
    words = err.replace("usage:", "Usage:").split()
    assert words[words.index("Usage:") + 1] == SCRIPT
    assert "at least one character" in err
