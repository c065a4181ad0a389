"""`riskframe app`: start the Streamlit app from any directory (an installed wheel has no app.py)."""

from __future__ import annotations

from importlib import resources

import click

from riskframe.settings import load_settings


def register(cli: click.Group) -> None:
    cli.add_command(app)


def script_path() -> str:
    """The file `streamlit run` takes: riskframe/asgi.py wherever riskframe is installed (the app,
    riskframe/streamlit_app.py, with the routes of its session cookie; see riskframe.app.session_routes)."""
    return str(resources.files("riskframe") / "asgi.py")


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--address", default="127.0.0.1", show_default=True, help="Address the server listens on.")
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535), help="Port the server listens on.")
@click.option("--path", "print_path", is_flag=True, help="Only print the path of the app's script for `streamlit run`.")
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def app(address: str, port: int, print_path: bool, streamlit_args: tuple[str, ...]) -> None:
    """Start the web app (Streamlit) with the settings of the repository's .streamlit/config.toml.

    Headless, no usage statistics, cross-site request protection on, uploads up to
    RISKFRAME_UPLOAD_MAX_MB. Further arguments go to `streamlit run`, e.g.
    `riskframe app -- --server.baseUrlPath risk`. Run `riskframe db upgrade` first on a new database.
    """
    if print_path:
        click.echo(script_path())
        return
    settings = load_settings()
    args = ["run", script_path(), "--server.address", address, "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.enableXsrfProtection", "true",
            "--server.maxUploadSize", str(settings.upload_max_mb), "--client.toolbarMode", "minimal",
            "--client.showErrorDetails", "none", *streamlit_args]
    # `streamlit run` in this process (issue 18: a second interpreter cost ~0.2 s of the cold start): the same
    # command line parsed by Streamlit's own CLI, which becomes the server and exits with its code.
    from streamlit.web import cli as streamlit_cli

    streamlit_cli.main(args=args, prog_name="streamlit")
