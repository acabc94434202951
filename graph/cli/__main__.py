"""``python -m diplomap.graph.cli``: the ``diplomap`` command without its console script."""

from diplomap.graph.cli.group import main

if __name__ == "__main__":
    main()
