"""The ``diplomap`` command: the click group (``group``, entry point ``group:main``; also
``python -m diplomap.graph.cli``), the options and error reporting every command shares
(``options``), one thin module per command area, each exposing ``COMMANDS`` listed in
``group.COMMAND_MODULES``, and the generated reference ``docs/cli.md`` (``reference``).
The top of the stack: it may import every part of ``diplomap``, and nothing imports it.
"""
