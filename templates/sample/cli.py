{# The sample command line for each `cli` answer, after its imports and PROG: in src/<pkg>.py
   (module) and src/<pkg>/cli.py (library). -#}
{%- if cookiecutter.cli == "argparse" -%}
def main(argv: Sequence[str] | None = None) -> None:
    """Print a greeting for the name in `argv` (default: the process's arguments)."""
    parser = argparse.ArgumentParser(prog=PROG, description="Print a greeting for NAME.")
    parser.add_argument("name", help="who to greet")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    try:
        print(greet(args.name))
    except ValueError as error:
        parser.error(str(error))
{%- elif cookiecutter.cli == "click" -%}
@click.command()
@click.argument("name")
@click.version_option(__version__, message="%(prog)s %(version)s")
def greet_command(name: str) -> None:
    """Print a greeting for NAME."""
    try:
        click.echo(greet(name))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from error


def main() -> None:
    """Run the command line on the process's arguments."""
    greet_command(prog_name=PROG)
{%- elif cookiecutter.cli == "typer" -%}
app = typer.Typer(add_completion=False)


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value:
        typer.echo(f"{ctx.find_root().info_name} {__version__}")
        raise typer.Exit


@app.command()
def greet_command(
    name: Annotated[str, typer.Argument(help="who to greet")],
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Print a greeting for NAME."""
    try:
        typer.echo(greet(name))
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="NAME") from error


def main() -> None:
    """Run the command line on the process's arguments."""
    app(prog_name=PROG)
{%- endif %}
