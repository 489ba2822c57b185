"""``python -m spillwatch``: the same as the ``spillwatch`` command."""

from spillwatch.cli import main

if __name__ == "__main__":
    main(prog_name="spillwatch")
