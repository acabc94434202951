"""Options shared by the commands, and the one place where domain errors become messages."""

from __future__ import annotations

import functools
import os
import sys

import click

from diplomap.graph.store.base import DEFAULT_STORE_DIR, STORE_ENV
from diplomap.graph.store.registry import StoreSpec
from diplomap.ontology.errors import DiplomapError

ENDPOINT_USER_ENV = "DIPLOMAP_ENDPOINT_USER"
ENDPOINT_PASSWORD_ENV = "DIPLOMAP_ENDPOINT_PASSWORD"


def store_options(func):
    """``--store DIR | --memory | --endpoint URL [--update-endpoint URL]`` -> ``store_spec``.

    Credentials for an endpoint come from the environment, never from the command line.
    """

    @click.option("--store", "store_dir", metavar="DIR",
                  help=f"Embedded Oxigraph store directory [default: ${STORE_ENV} or ./{DEFAULT_STORE_DIR}].")
    @click.option("--memory", is_flag=True, help="Use an in-memory store (gone when the command ends).")
    @click.option("--endpoint", metavar="URL",
                  help=f"A SPARQL 1.1 query endpoint. Credentials: ${ENDPOINT_USER_ENV}, ${ENDPOINT_PASSWORD_ENV}.")
    @click.option("--update-endpoint", metavar="URL",
                  help="The SPARQL 1.1 update endpoint, when it is not derivable from --endpoint.")
    @functools.wraps(func)
    def wrapper(*args, store_dir, memory, endpoint, update_endpoint, **kwargs):
        chosen = [flag for flag, value in (("--store", store_dir), ("--memory", memory),
                                           ("--endpoint", endpoint)) if value]
        if len(chosen) > 1:
            raise click.UsageError(f"choose one store, not {' and '.join(chosen)}")
        if update_endpoint and not endpoint:
            raise click.UsageError("--update-endpoint needs --endpoint")
        if memory:
            spec = StoreSpec("memory")
        elif endpoint:
            spec = StoreSpec("endpoint", endpoint, update_endpoint)
        elif store_dir:
            spec = StoreSpec("oxigraph", store_dir)
        else:
            spec = StoreSpec.default()
        return func(*args, store_spec=spec, **kwargs)

    return wrapper


def reports_errors(func):
    """Turn domain errors into one clean line and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except DiplomapError as exc:
            raise click.ClickException(str(exc)) from None
        except (OSError, ValueError) as exc:
            raise click.ClickException(str(exc) or exc.__class__.__name__) from None

    return wrapper


class NotBuiltYet(click.ClickException):
    exit_code = 2


def not_built(name: str, issue: str):
    """A command the CLI reserves but whose library part has not landed: says so, exits 2."""

    @click.command(name=name, context_settings={"ignore_unknown_options": True},
                   help=f"(not built yet: {issue})", add_help_option=True)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def command(args):
        raise NotBuiltYet(f"'diplomap {name}' is not built yet ({issue}).")

    return command
