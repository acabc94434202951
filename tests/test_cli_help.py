"""Every command has help; reserved commands say they are not built and exit 2."""

from __future__ import annotations

from click.testing import CliRunner

from diplomap.graph.cli.group import main


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert "diplomap" in result.output


def test_every_command_has_help():
    runner = CliRunner()
    assert main.commands, "no commands registered"
    for name, command in main.commands.items():
        assert command.help or command.short_help, f"{name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, f"{name} --help failed: {result.output}"
        assert "Usage:" in result.output


def test_reserved_commands_exit_2_with_a_message():
    runner = CliRunner()
    for name, command in main.commands.items():
        if (command.help or "").startswith("(not built yet"):
            result = runner.invoke(main, [name])
            assert result.exit_code == 2
            assert "not built yet" in result.output
